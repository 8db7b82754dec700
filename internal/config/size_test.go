package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaxAnswer(t *testing.T) {
	type testCase struct {
		value   string
		want    int64
		wantErr string
	}
	run := func(t *testing.T, tc testCase) {
		path := writeConfig(t, "environments:\n  big:\n    endpoint: http://esb.example/gt3\n    max_answer: "+tc.value+"\n")
		cfg, err := Load(path, nil)
		if tc.wantErr != "" {
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			return
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, cfg.Envs["big"].MaxAnswer)
	}
	for _, tc := range []testCase{
		{value: "200MB", want: 200_000_000},
		{value: "64MiB", want: 64 << 20},
		{value: "1 GiB", want: 1 << 30},
		{value: "123456", want: 123456},
		{value: "12KB", want: 12000},
		{value: "0", wantErr: "gt3ct.yaml:4: max_answer: want a size like 64MiB"},
		{value: "big", wantErr: "gt3ct.yaml:4: max_answer: want a size"},
		{value: "-5MB", wantErr: "max_answer: want a size"},
	} {
		t.Run(tc.value, func(t *testing.T) { run(t, tc) })
	}
	cfg, err := Load(writeConfig(t, "environments:\n  plain:\n    endpoint: http://esb.example/gt3\n"), nil)
	require.NoError(t, err)
	assert.Zero(t, cfg.Envs["plain"].MaxAnswer, "unset: the transport's default")
}
