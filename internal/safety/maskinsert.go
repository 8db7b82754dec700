package safety

import "strings"

// maskInserts masks PII values of INSERT INTO t (cols…) VALUES (…)
// statements, matching values to columns by position.
func (m *Masker) maskInserts(s string) string {
	var sb strings.Builder
	last := 0
	for _, loc := range sqlInsert.FindAllStringSubmatchIndex(s, -1) {
		if loc[1] < last {
			continue
		}
		cols := strings.Split(s[loc[2]:loc[3]], ",")
		items, end := sqlTuple(s, loc[1])
		sb.WriteString(s[last:loc[1]])
		for i, it := range items {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(m.maskSQLItem(cols, i, it))
		}
		last = end
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// maskSQLItem masks a quoted value when its column is a PII field.
func (m *Masker) maskSQLItem(cols []string, i int, item string) string {
	if i >= len(cols) {
		return item
	}
	col := strings.ToLower(strings.Trim(strings.TrimSpace(cols[i]), `"`))
	if dot := strings.LastIndexByte(col, '.'); dot >= 0 {
		col = col[dot+1:]
	}
	class := FieldClass(col)
	t := strings.TrimSpace(item)
	if class == "" || len(t) < 2 || t[0] != '\'' || t[len(t)-1] != '\'' {
		return item
	}
	v := strings.ReplaceAll(t[1:len(t)-1], "''", "'")
	lead := item[:strings.Index(item, t)]
	return lead + "'" + strings.ReplaceAll(m.maskField(class, v), "'", "''") + "'" + item[len(lead)+len(t):]
}

// sqlTuple splits the comma-separated items of a VALUES tuple starting at
// i (just after its parenthesis), honouring quotes, and returns them with
// the index of the closing parenthesis.
func sqlTuple(s string, i int) ([]string, int) {
	var items []string
	start, quoted, depth := i, false, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted // '' toggles twice: an escaped quote
		case quoted:
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case c == ')':
			return append(items, s[start:i]), i
		case c == ',' && depth == 0:
			items = append(items, s[start:i])
			start = i + 1
		}
	}
	return append(items, s[start:]), len(s)
}
