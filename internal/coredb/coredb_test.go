package coredb

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSQLiteSchemaRoundTrip(t *testing.T) {
	for _, dsn := range []string{"sqlite::memory:", "sqlite:" + filepath.Join(t.TempDir(), "core.db")} {
		t.Run(dsn, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, dsn)
			require.NoError(t, err)
			defer db.Close()
			require.NoError(t, db.CreateSchema(ctx))
			require.NoError(t, db.CreateSchema(ctx), "creating twice is harmless")
			_, err = db.NamedExecContext(ctx, `INSERT INTO HX_DJ.DJ_NSRXX (DJXH, NSRMC) VALUES (:djxh, :nsrmc)`,
				map[string]any{"djxh": "10114501000000000001", "nsrmc": "测试纳税人"})
			require.NoError(t, err)
			var name string
			require.NoError(t, db.GetContext(ctx, &name, db.Rebind(`SELECT NSRMC FROM HX_DJ.DJ_NSRXX WHERE DJXH = ?`), "10114501000000000001"))
			require.Equal(t, "测试纳税人", name)
		})
	}
}
