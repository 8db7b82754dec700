package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Written rows that could not be read because the database dropped make the
// step class transport with the reason: the harness's side failed, and the
// verdict blamed the core for it (a PostgreSQL backend killed during a
// nightly). A read refused for another reason stays a failed check on a
// step whose class is the answer's.
func TestAfterWriteReadFailure(t *testing.T) {
	unread := result.Check{Kind: result.KindSpec, Name: "written rows", Status: result.Fail, Got: "not read"}
	for _, tc := range []struct {
		name      string
		err       error
		wantClass result.Class
		wantErr   string
	}{
		{"database dropped", errs.E("db query", errs.Transient, "connection lost: terminating connection"), result.ClassTransport,
			"written rows: read HX_DJ.DJ_NSRXX: db query: connection lost: terminating connection"},
		{"refused", errs.E("db query", errs.Input, "permission denied for table sb_sbb"), result.ClassSuccess, ""},
		{"read", nil, result.ClassSuccess, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := stepOutcome{}
			out.rec.Class = result.ClassSuccess
			after := func(context.Context, map[string]string, string) (result.Written, []result.Check, error) {
				if tc.err != nil {
					return nil, []result.Check{unread}, fmt.Errorf("written rows: read HX_DJ.DJ_NSRXX: %w", tc.err)
				}
				return result.Written{}, nil, nil
			}
			afterWrite(context.Background(), after, map[string]string{}, &out)
			assert.Equal(t, tc.wantClass, out.rec.Class)
			if tc.wantErr != "" {
				assert.Contains(t, out.err, tc.wantErr)
				assert.Equal(t, []result.Check{unread}, out.checks, "the failed check stays")
			} else {
				assert.Empty(t, out.err)
			}
		})
	}
}
