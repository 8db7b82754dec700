package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/gt3ct/gt3ct/internal/decimal"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// funcs are the helpers templates may call:
//
//	{{uuid}}                  32 upper-case hex digits, fresh each call
//	{{today}}                 the date, yyyy-MM-dd
//	{{now}}                   the time, yyyy-MM-dd HH:mm:ss
//	{{add .ybtse "0.01"}}     exact decimal sum (scale: the larger one)
//	{{mul .jsyj .sl_1}}       exact decimal product (scale: the sum)
//	{{xml .nsrmc}}            escaped for XML text and attributes (RenderXML
//	                          escapes every value already: same result)
//	{{raw .fragment}}         not escaped by RenderXML: a deliberate XML fragment
//	{{default "0" .x}}        .x, or "0" when .x is empty
func (c *Cache) funcs() template.FuncMap {
	return template.FuncMap{
		"uuid":    c.uuid,
		"today":   func() string { return c.now().Format("2006-01-02") },
		"now":     func() string { return c.now().Format("2006-01-02 15:04:05") },
		"add":     func(a ...any) (string, error) { return fold("add", a, decimal.Dec.Add) },
		"mul":     func(a ...any) (string, error) { return fold("mul", a, decimal.Dec.Mul) },
		"xml":     xmlEscape,
		"raw":     raw,
		"default": dflt,
	}
}

// fold applies op left to right over decimal arguments.
func fold(name string, args []any, op func(a, b decimal.Dec) decimal.Dec) (string, error) {
	if len(args) < 2 {
		return "", fmt.Errorf("%s wants at least 2 numbers, got %d", name, len(args))
	}
	var acc decimal.Dec
	for i, a := range args {
		s := fmt.Sprint(a)
		d, ok := decimal.Parse(s)
		if !ok {
			return "", fmt.Errorf("%s: argument %d %q is not a decimal number", name, i+1, s)
		}
		if i == 0 {
			acc = d
			continue
		}
		acc = op(acc, d)
	}
	return acc.String(), nil
}

var xmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// xmlText is a value RenderXML hands to templates: it prints escaped for
// XML, and raw gives it back as it is.
type xmlText string

// String is the value escaped for XML text and attributes.
func (v xmlText) String() string { return xmlReplacer.Replace(string(v)) }

func xmlEscape(v any) string {
	if x, ok := v.(xmlText); ok {
		return x.String()
	}
	return xmlReplacer.Replace(fmt.Sprint(v))
}

func raw(v any) string {
	if x, ok := v.(xmlText); ok {
		return string(x)
	}
	return fmt.Sprint(v)
}

func dflt(def string, v ...any) string {
	if len(v) == 0 || v[0] == nil {
		return def
	}
	if s := fmt.Sprint(v[0]); s != "" {
		return s
	}
	return def
}

// text/template error shapes:
//
//	template: NAME:12: function "foo" not defined
//	template: NAME:12:8: executing "NAME" at <.nsrmcc>: map has no entry for key "nsrmcc"
var (
	reTemplateErr = regexp.MustCompile(`^template: (?:.*?):(\d+)(?::\d+)?: (.*)$`)
	reExecAt      = regexp.MustCompile(`^executing ".*?" at <(.*?)>: (.*)$`)
	reNoKey       = regexp.MustCompile(`^map has no entry for key "(.*)"$`)
)

// wrapErr maps a text/template error to "name:line: message" with kind Input.
func wrapErr(name string, err error) error {
	msg := err.Error()
	msg = strings.Replace(msg, "template: "+name+":", "template: :", 1)
	m := reTemplateErr.FindStringSubmatch(msg)
	if m == nil {
		return errs.At("", errs.Input, name, "%s", strings.TrimPrefix(msg, "template: "))
	}
	line, _ := strconv.Atoi(m[1])
	rest := m[2]
	if e := reExecAt.FindStringSubmatch(rest); e != nil {
		rest = e[2]
		if k := reNoKey.FindStringSubmatch(rest); k != nil {
			rest = "unknown field {{." + k[1] + "}}"
		} else {
			rest = "{{" + e[1] + "}}: " + rest
		}
	}
	return errs.At("", errs.Input, fmt.Sprintf("%s:%d", name, line), "%s", rest)
}
