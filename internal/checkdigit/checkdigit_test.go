package checkdigit

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		fn         func(string) (byte, error)
		want       byte
		wantErr    bool
	}{
		{name: "GB 11643 example ID ends in X", body: "11010519491231002", fn: ID, want: 'X'},
		{name: "ID with a letter", body: "1101051949123100A", fn: ID, wantErr: true},
		{name: "ID too short", body: "1101", fn: ID, wantErr: true},
		{name: "USCC of a company", body: "91350100M000100Y4", fn: USCC, want: '3'},
		{name: "USCC with I", body: "9135010IM000100Y4", fn: USCC, wantErr: true},
		{name: "organisation code inside 91110105771583283D", body: "77158328", fn: OrgCode, want: '3'},
		{name: "organisation code lower case", body: "7715832a", fn: OrgCode, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fn(tc.body)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, string(tc.want), string(got))
		})
	}
}
