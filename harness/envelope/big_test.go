package envelope_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

// TestParseBigAnswer: an answer whose body carries more than libxml2's
// default 10 MB text limit in one CDATA section (rows of a big query) is
// well-formed, not malformed ("CData section too big").
func TestParseBigAnswer(t *testing.T) {
	row := `<sbxxGridlb><zsxmDm>10101</zsxmDm><zspmDm>101017101</zspmDm><ybtse>1.02E7</ybtse><mc>增值税</mc></sbxxGridlb>`
	rows := strings.Repeat(row, 12_000_000/len(row)+1)
	body := `<taxML xsi:type="HXZGSB00044Response" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sbxxGrid>` + rows + `</sbxxGrid></taxML>`
	h := envelope.Head{TranID: "SWZJ.HXZG.SB.CXSBXX", ChannelID: "GT3CT.SIM", TranSeq: "0123456789abcdef0123456789abcdef",
		TranDate: "20261130", TranTime: "101500123", RtnCode: "0", Code: "000"}
	data := envelope.BuildResponse(h, body)
	require.Greater(t, len(data), 12_000_000)
	m, err := envelope.Parse(data)
	require.NoError(t, err)
	require.Equal(t, result.ClassSuccess, m.Class)
	require.True(t, strings.HasSuffix(m.Body, rows+`</sbxxGrid></taxML>`), "the whole body, every row")
	require.Equal(t, "HXZGSB00044Response", m.BodyType)
}
