package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"cxquiz/app/team"
	"cxquiz/internal/load"
	"cxquiz/internal/pgtest"
)

// runTeam is the team scenario on one engine ("sqlite" or "postgres"):
// conns connections add results to one team for duration, each result
// from a new member; then the team's stored count must equal the
// successful answers (no loss, no duplicates), with no 5xx.
func runTeam(bin, engine string, duration time.Duration, conns int) error {
	flags := []string{"-team-add-limit", "-1", "-team-create-limit", "-1"}
	switch engine {
	case "sqlite":
		// launch gives the server a SQLite file of its own.
	case "postgres":
		c, err := pgtest.Start()
		if err != nil {
			return err
		}
		defer c.Stop()
		dsn, err := c.NewDatabase()
		if err != nil {
			return err
		}
		flags = append(flags, "-database", dsn)
	default:
		return fmt.Errorf("-team: unknown engine %q (sqlite, postgres)", engine)
	}
	s, err := load.Start(bin, flags, nil)
	if err != nil {
		return err
	}
	defer s.Cmd.Process.Kill() // if anything below fails; harmless once stopped
	base := s.URL
	ctx := context.Background()
	client := load.NewClient(conns)
	resultURL, err := load.ResultURL(ctx, client, base)
	if err != nil {
		return err
	}
	ru, err := url.Parse(resultURL)
	if err != nil {
		return err
	}
	full := ru.Query().Get("a")
	origin := http.Header{"Origin": {base}}
	id, err := createTeam(ctx, client, base)
	if err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "load: team scenario on %s, %d connections for %s\n", engine, conns, duration)
	// Each result from a new member; a request sent is always answered,
	// so every committed result is counted.
	add := &load.Target{Name: "add", Paths: []string{"/team/" + id + "/add"}, Header: origin, Want: http.StatusSeeOther,
		Form: func() url.Values { return url.Values{"a": {full}, "m": {team.NewToken()}} }}
	r := load.Run(ctx, client, base, add, conns, duration)
	vres, err := client.Get(base + "/team/" + id + "/view.json")
	if err != nil {
		return err
	}
	var v team.View
	err = json.NewDecoder(vres.Body).Decode(&v)
	vres.Body.Close()
	if err != nil {
		return fmt.Errorf("reading the team's count: %w", err)
	}
	client.CloseIdleConnections()
	stopErr := s.Stop(20 * time.Second)

	fmt.Printf("\nTeam scenario on %s: %d connections adding results to one team for %s.\n\n", engine, conns, r.Elapsed.Round(time.Millisecond))
	fmt.Println("| engine | adds | adds/s | p50 | p99 | max | errors | non-303 | 5xx | stored |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	fmt.Printf("| %s | %d | %.0f | %s | %s | %s | %d | %d | %d | %d |\n\n", engine, r.OK(), float64(r.OK())/r.Elapsed.Seconds(),
		ms(r.Percentile(50)), ms(r.Percentile(99)), ms(r.Percentile(100)), r.Errors, r.Non2xx, r.Status5xx, v.N)
	if r.FirstErr != "" {
		fmt.Println("- first problem:", r.FirstErr)
	}
	switch {
	case v.N != r.OK():
		return fmt.Errorf("team scenario on %s: %d results stored, %d adds answered 303", engine, v.N, r.OK())
	case r.Failed() > 0:
		return fmt.Errorf("team scenario on %s: %d errors, %d 5xx", engine, r.Errors, r.Status5xx)
	case s.Panics() > 0:
		return fmt.Errorf("team scenario on %s: the server logged %d panics", engine, s.Panics())
	case stopErr != nil:
		return fmt.Errorf("team scenario on %s: the server exited with %v", engine, stopErr)
	}
	fmt.Fprintf(os.Stderr, "load: team scenario on %s: stored count equals successful adds, no 5xx\n", engine)
	return nil
}

// createTeam starts a team through the form of /team/new and returns its
// id.
func createTeam(ctx context.Context, client *http.Client, base string) (string, error) {
	form := url.Values{"name": {"Load"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/team/new", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err == nil && res.StatusCode == http.StatusSeeOther {
		if parts := strings.Split(loc.Path, "/"); len(parts) >= 3 {
			return parts[2], nil
		}
	}
	return "", fmt.Errorf("creating the team: %s, Location %q", res.Status, res.Header.Get("Location"))
}
