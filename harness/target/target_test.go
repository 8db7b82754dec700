package target

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// coreFile creates a SQLite core database with its schema and returns its DSN.
func coreFile(t *testing.T) string {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "core.db")
	db, err := coredb.Open(context.Background(), dsn)
	require.NoError(t, err)
	require.NoError(t, db.CreateSchema(context.Background()))
	require.NoError(t, db.Close())
	return dsn
}

// TestOpenWiresSiteKeys: the env's headers reach the bus, its encoding the
// envelope builder, its TLS files the client, and a readonly env's
// database session cannot write.
func TestOpenWiresSiteKeys(t *testing.T) {
	ctx := context.Background()
	var header string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header = r.Header.Get("RESOURCE-ID")
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	env := config.Environment{Name: "prod", Endpoint: srv.URL, DB: coreFile(t), Readonly: true,
		Headers: map[string]string{"RESOURCE-ID": "R-45"}, Encoding: "GBK"}
	tg, err := Open(ctx, env, Options{})
	require.NoError(t, err)
	defer tg.Close()
	_, err = tg.Client.Send(ctx, []byte("<service/>"), false)
	require.NoError(t, err)
	assert.Equal(t, "R-45", header)
	assert.Equal(t, "GBK", tg.Builder().Encoding)
	assert.True(t, tg.DB.ReadOnly)
	_, err = tg.DB.Exec(ctx, "DELETE FROM HX_SB.SB_SBB", nil)
	assert.Error(t, err, "a readonly env's session refuses writes at the database")

	env.TLS = config.TLS{CAFile: filepath.Join(t.TempDir(), "missing-ca.pem")}
	_, err = Open(ctx, env, Options{})
	require.Error(t, err)
	assert.Equal(t, errs.Input, errs.KindOf(err))
	assert.Contains(t, err.Error(), "tls.ca_file")
}

// TestReadonlySimStillWrites: on a readonly env served by the embedded
// simulator, the checks' session is read-only but the simulator (the core)
// keeps a writable one.
func TestReadonlySimStillWrites(t *testing.T) {
	env := config.Sim()
	env.DB, env.Readonly = coreFile(t), true
	tg, err := Open(context.Background(), env, Options{})
	require.NoError(t, err)
	defer tg.Close()
	assert.True(t, tg.DB.ReadOnly)
	assert.NotEmpty(t, tg.Endpoint)
}
