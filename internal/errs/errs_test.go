package errs

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExitCode(t *testing.T) {
	type testCase struct {
		name string
		err  error
		want int
	}
	for _, tc := range []testCase{
		{"nil", nil, 0},
		{"finding", E("run", Finding, "1 check failed"), 1},
		{"unreachable database", E("db", Transient, "connect postgres://127.0.0.1:1/x: connection refused"), 1},
		{"unreachable, wrapped in a plain error", fmt.Errorf("open: %w", E("send", Transient, "http://bus: dial tcp: lookup bus: no such host")), 1},
		{"input", E("config", Input, "bad key"), 2},
		{"refused", E("guard", Refused, "readonly"), 2},
		{"internal", E("x", Internal, "bug"), 3},
		{"unclassified", errors.New("bug"), 3},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, ExitCode(tc.err)) })
	}
}
