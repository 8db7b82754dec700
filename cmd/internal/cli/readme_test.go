package cli

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// readmeSkipped are the README's blocks marked <!-- no-test: reason -->,
// by the start of their reason: a new one must be added here on purpose.
var readmeSkipped = []string{
	"make builds and runs the whole test suite",
	"capture reads a production taxpayer's rows",
}

// TestReadmeExamples runs every ```sh block of README.md, line by line,
// through Main in one work folder (so files of earlier blocks exist), and
// checks each exits as the README says: 0, unless its comment says
// "exits N". The folder holds the repository's testdata, as a checkout
// does; --env NAME is replaced by the embedded simulator, the loopback
// ports the README names by free ones, and /tmp/c by a copy of contracts/. `gt3ct proxy` and `gt3ct
// sim` run in the background until their block ends; `source <(gt3ct …)`
// runs the inner command; `> FILE` writes stdout to FILE (discarded when
// FILE needs the shell). Blocks marked <!-- no-test: reason --> are listed.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's nightlies (-short)")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	blocks := readmeBlocks(t, filepath.Join(root, "README.md"))
	t.Chdir(t.TempDir())
	checkout(t, root)
	ports := map[string]string{}
	var skipped []string
	for _, b := range blocks {
		if b.skip != "" {
			t.Logf("README.md:%d not run: %s", b.line, b.skip)
			skipped = append(skipped, b.skip)
			continue
		}
		t.Run(fmt.Sprintf("README.md:%d", b.line), func(t *testing.T) { runReadmeBlock(t, b, ports) })
	}
	require.Len(t, skipped, len(readmeSkipped), "no-test blocks: %q", skipped)
	for i, want := range readmeSkipped {
		assert.True(t, strings.HasPrefix(skipped[i], want), "no-test block %d: %q, want %q…", i+1, skipped[i], want)
	}
}

// readmeBlock is one ```sh block: where it starts, its no-test reason and
// its command lines.
type readmeBlock struct {
	line  int
	skip  string
	lines []readmeLine
}

type readmeLine struct {
	n             int
	text, comment string
}

var noTest = regexp.MustCompile(`^<!-- no-test: (.+) -->$`)

func readmeBlocks(t *testing.T, path string) []readmeBlock {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []readmeBlock
	var cur *readmeBlock
	prev := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case cur == nil && l == "```sh":
			b := readmeBlock{line: n}
			if m := noTest.FindStringSubmatch(prev); m != nil {
				b.skip = m[1]
			}
			cur = &b
		case cur != nil && l == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil && strings.TrimSpace(l) != "":
			text, comment := splitComment(l)
			cur.lines = append(cur.lines, readmeLine{n: n, text: text, comment: comment})
		}
		if strings.TrimSpace(l) != "" {
			prev = l
		}
	}
	require.NoError(t, sc.Err())
	require.Nil(t, cur, "README.md: a ```sh block is not closed")
	require.NotEmpty(t, out)
	return out
}

// splitComment cuts a shell line at its first # outside quotes that
// starts a word.
func splitComment(l string) (string, string) {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
			return strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+1:])
		}
	}
	return strings.TrimSpace(l), ""
}

var (
	exitsN   = regexp.MustCompile(`\bexits (\d)\b`)
	loopback = regexp.MustCompile(`127\.0\.0\.1:(\d+)`)
)

// background is a command running until its block ends.
type background struct {
	name   string
	cancel context.CancelFunc
	done   chan int
	out    *syncBuffer
}

func runReadmeBlock(t *testing.T, b readmeBlock, ports map[string]string) {
	var bg []background
	defer func() {
		for _, p := range bg {
			p.cancel()
			select {
			case code := <-p.done:
				assert.Equal(t, 0, code, "%s stopped: %s", p.name, p.out.String())
			case <-time.After(20 * time.Second):
				t.Errorf("%s did not stop", p.name)
			}
		}
	}()
	for _, l := range b.lines {
		where := fmt.Sprintf("README.md:%d: %s", l.n, l.text)
		cmd := readmeCommand(t, where, tmpContracts.ReplaceAllString(freePorts(t, l.text, ports), "${1}tmp-c"))
		want := 0
		if m := exitsN.FindStringSubmatch(l.comment); m != nil {
			want, _ = strconv.Atoi(m[1])
		}
		if cmd.background {
			bg = append(bg, startBackground(t, where, cmd.args))
			continue
		}
		code, out, errOut := runCLI(cmd.args...)
		require.Equal(t, want, code, "%s\nstdout: %s\nstderr: %s", where, tail(out), tail(errOut))
		if cmd.source {
			require.NotEmpty(t, out, where)
		}
		if cmd.stdout != "" {
			require.NoError(t, os.WriteFile(cmd.stdout, []byte(out), 0o644), where)
		}
	}
}

// readmeArgs is one README line made into Main's arguments.
type readmeArgs struct {
	args       []string
	stdout     string // > FILE ("" for none or a FILE the shell would expand)
	source     bool   // source <(gt3ct …)
	background bool   // proxy, sim: run until the block ends
}

func readmeCommand(t *testing.T, where, text string) readmeArgs {
	t.Helper()
	var c readmeArgs
	if inner, ok := strings.CutPrefix(text, "source <("); ok {
		text, c.source = strings.TrimSuffix(inner, ")"), true
	}
	words := shellWords(t, where, text)
	require.True(t, len(words) > 1 && words[0] == "gt3ct", "%s: not a gt3ct command", where)
	for i := 1; i < len(words); i++ {
		switch w := words[i]; {
		case w == ">" && i+1 < len(words):
			if !strings.Contains(words[i+1], "$") {
				c.stdout = words[i+1]
			}
			i++
		case w == "--env" && i+1 < len(words):
			i++ // the embedded simulator (the default env)
		default:
			c.args = append(c.args, w)
		}
	}
	c.background = (c.args[0] == "proxy" || c.args[0] == "sim") && !strings.Contains(text, "--print-ddl")
	return c
}

// shellWords splits a line the way the shell would, for the quoting the
// README uses ('…' and "…").
func shellWords(t *testing.T, where, s string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	require.Zero(t, quote, "%s: unclosed quote", where)
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// freePorts replaces each loopback port of the README by a free one, the
// same one everywhere in the README.
func freePorts(t *testing.T, text string, ports map[string]string) string {
	return loopback.ReplaceAllStringFunc(text, func(addr string) string {
		if ports[addr] == "" {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			ports[addr] = ln.Addr().String()
			ln.Close()
		}
		return ports[addr]
	})
}

// checkout makes the work folder look like a checkout of the repository
// at root, where the README's commands run: its testdata, and the copy of
// contracts/ the README asks for in /tmp/c (here tmp-c, in the work folder).
func checkout(t *testing.T, root string) {
	t.Helper()
	require.NoError(t, os.Symlink(filepath.Join(root, "testdata"), "testdata"))
	require.NoError(t, catalog.CopyData(os.DirFS(filepath.Join(root, "contracts")), "tmp-c"))
}

// tmpContracts is the README's /tmp/c (a copy of contracts/ to import into).
var tmpContracts = regexp.MustCompile(`(^|\s)/tmp/c\b`)

var listening = regexp.MustCompile(`listening on (http://\S+)`)

func startBackground(t *testing.T, where string, args []string) background {
	ctx, cancel := context.WithCancel(context.Background())
	p := background{name: where, cancel: cancel, done: make(chan int, 1), out: &syncBuffer{}}
	go func() { p.done <- Main(ctx, args, strings.NewReader(""), p.out, p.out) }()
	waitFor(t, p.out, listening, p.done)
	return p
}

func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}
