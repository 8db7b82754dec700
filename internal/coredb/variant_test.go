package coredb

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The own DDL is unchanged by the variant; the site DDL adds the site
// columns NOT NULL without defaults and the site's types on every dialect.
func TestSiteDDLVariant(t *testing.T) {
	for _, d := range []Dialect{SQLite, Postgres, Oracle} {
		require.Equal(t, Script(d), ScriptOf(d, Own), d)
		site := ScriptOf(d, Site)
		for _, want := range []string{"LRR_DM VARCHAR", "SJTB_SJ TIMESTAMP NOT NULL", "YBTSE NUMERIC(20,2)",
			"ZFBZ_1 CHAR(1)", "SKSSQQ TIMESTAMP"} {
			require.Contains(t, site, want, d)
		}
		require.NotContains(t, site, "DEFAULT", d)
		for _, stmt := range DDLOf(d, Site) {
			if strings.HasPrefix(stmt, "CREATE TABLE") {
				require.Equal(t, 4, strings.Count(stmt, " NOT NULL"), "%s: four site columns NOT NULL\n%s", d, stmt)
			}
		}
	}
	require.Contains(t, ScriptOf(Postgres, Site), "LRR_DM VARCHAR(20) NOT NULL")
	require.Contains(t, ScriptOf(Postgres, Site), "SJGSDQ VARCHAR(11) NOT NULL")
	require.Contains(t, ScriptOf(Postgres, Site), "YXBZ CHAR(1) NOT NULL")
}

func TestSiteTablesKeepOneColumnPerName(t *testing.T) {
	for _, tb := range Site.Tables() {
		seen := map[string]bool{}
		for _, c := range tb.Columns {
			require.False(t, seen[c.Name], "%s.%s twice", tb.QName(), c.Name)
			seen[c.Name] = true
		}
	}
	own, _ := Find("HX_SB.SB_SBB")
	c, _ := own.Column("SJGSDQ")
	require.False(t, c.NotNull, "the own DDL is untouched")
}

func TestParseVariant(t *testing.T) {
	for in, want := range map[string]Variant{"": Own, "own": Own, "site": Site} {
		got, err := ParseVariant(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := ParseVariant("prod")
	require.ErrorContains(t, err, "own, site")
}
