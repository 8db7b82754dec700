package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A body over bigBody is printed as it came: no tree, no indented copies
// (a 100 MB answer took 2 GB to print as text).
func TestBigBodyPrintedAsItCame(t *testing.T) {
	body := "<taxML><rows>" + strings.Repeat("<r>1</r>", bigBody/8) + "</rows></taxML>"
	require.Greater(t, len(body), bigBody)
	require.Equal(t, "  "+body, indentEnvelopeBody(body))
	small := "<taxML><a>1</a></taxML>"
	require.Equal(t, "  <taxML>\n    <a>1</a>\n  </taxML>", indentEnvelopeBody(small))
}
