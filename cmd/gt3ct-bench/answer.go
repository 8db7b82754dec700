package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// bigRow is one row of the big answer's query result.
const bigRow = `<sbxxGridlb><zsxmDm>10101</zsxmDm><zspmDm>101017101</zspmDm><ybtse>1.02E7</ybtse><mc>增值税</mc><skssqq>2026-10-01</skssqq></sbxxGridlb>`

func benchAnswerCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("answer FILE", "write a big answer envelope (rows in its CDATA body) to FILE", cli.Exact(1))
	size := c.Flags().Int64("size", 100_000_000, "about this many `BYTES`")
	return cli.Run(c, func(args []string) error { return writeBigAnswer(args[0], *size) })
}

// writeBigAnswer writes a success answer whose body, carried as CDATA, is a
// query result of as many rows as make about size bytes.
func writeBigAnswer(path string, size int64) error {
	h := envelope.Head{TranID: "SWZJ.HXZG.SB.CXSBXX", ChannelID: "GT3CT.SIM", TranSeq: "0123456789abcdef0123456789abcdef",
		TranDate: "20261130", TranTime: "101500123", RtnCode: "0", Code: "000", Message: "成功"}
	const marker = "@ROWS@"
	shell := string(envelope.BuildResponse(h, `<taxML xsi:type="HXZGSB00044Response" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sbxxGrid>`+marker+`</sbxxGrid></taxML>`))
	head, tail, ok := strings.Cut(shell, marker)
	if !ok {
		return errs.E("bench answer", errs.Internal, "the answer shell lost its rows marker")
	}
	f, err := os.Create(path)
	if err != nil {
		return errs.E("bench answer", errs.Input, "%v", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(head)
	for n := int64(len(head) + len(tail)); n+int64(len(bigRow)) <= size; n += int64(len(bigRow)) {
		w.WriteString(bigRow)
	}
	w.WriteString(tail)
	if err := w.Flush(); err != nil {
		f.Close()
		return errs.E("bench answer", errs.Input, "%v", err)
	}
	return f.Close()
}

func benchParseCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("parse FILE", "parse and check an answer envelope (libxml2 judges both documents), print the time", cli.Exact(1))
	return cli.Run(c, func(args []string) error { return benchParse(env, args[0]) })
}

// benchParse reads FILE and parses it as the harness does an answer:
// envelope, body well-formedness, class and head lint.
func benchParse(env *cli.Env, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return errs.E("bench parse", errs.Input, "%v", err)
	}
	start := time.Now()
	m, err := envelope.Parse(data)
	took := time.Since(start)
	if err != nil {
		return errs.E("bench parse", errs.Finding, "%s: %s", path, envelope.Reason(err))
	}
	fmt.Fprintf(env.Stdout, "parsed %d bytes in %.3f s: class %s, body %d bytes, %d head problems\n",
		len(data), took.Seconds(), m.Class, len(m.Body), len(m.Problems))
	return nil
}
