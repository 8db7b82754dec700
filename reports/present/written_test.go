package present

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestWritten(t *testing.T) {
	w := result.Written{
		"HX_ZS.ZS_YJSF": {{"ZSUUID": "062457CB6DD6A4998CD765372F108A8C", "YZPZXH": "10114502026031958076", "ZSXM_DM": "10101", "YBTSE": "3000"}},
		"HX_SB.SB_SBB":  {{"SBUUID": "303ED2B52056546307FB4F78E5B779E1", "ZFBZ_1": "Y", "EXTRA": "x"}, {"SBUUID": "404ED2B52056546307FB4F78E5B779E1"}},
	}
	var b bytes.Buffer
	require.NoError(t, Written(&b, w, Options{Width: 60}))
	assert.Equal(t, `
── rows written (3) ────────────────────────────────────────
  HX_SB.SB_SBB (2 rows)
    SBUUID                            ZFBZ_1  EXTRA
    303ED2B52056546307FB4F78E5B779E1  Y       x
    404ED2B52056546307FB4F78E5B779E1  NULL    NULL

  HX_ZS.ZS_YJSF (1 row)
    ZSUUID                            YZPZXH                ZSXM_DM  YBTSE
    062457CB6DD6A4998CD765372F108A8C  10114502026031958076  10101    3000
`, b.String())

	b.Reset()
	require.NoError(t, Written(&b, nil, Options{}))
	assert.Empty(t, b.String(), "nothing written, nothing printed")
}
