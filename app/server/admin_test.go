//go:build !wasm

package server

import (
	"net/http"
	"strings"
	"testing"

	"cxquiz/app/team"
)

// TestAdminWrongKey: every admin link that is not the team's answers 403
// with the page that says so, whether the key is a token of the wrong
// team, malformed or missing; the POSTs already did.
func TestAdminWrongKey(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	id, key := createTeam(t, ts, "")
	for _, k := range []string{"?k=" + team.NewToken(), "?k=wrong", "?k=", "", "?k=" + key + "x", "?lang=de&k=wrong"} {
		res, body := get(t, ts, "/team/"+id+"/admin"+k)
		wantStatus(t, res, http.StatusForbidden, "admin"+k)
		if !strings.Contains(body, "This admin link is not valid") && !strings.Contains(body, "Dieser Admin-Link") {
			t.Errorf("admin%s: the page does not say the link is not valid", k)
		}
	}
	res, _ := get(t, ts, "/team/"+id+"/admin?k="+key)
	wantStatus(t, res, http.StatusOK, "admin with its key")
}
