package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"cxquiz/app/team"
	"cxquiz/internal/launch"
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
	var panics int
	var mu sync.Mutex
	p, err := launch.Start(bin, flags, func(line string) {
		if strings.Contains(line, "panic") {
			mu.Lock()
			panics++
			mu.Unlock()
			fmt.Fprintln(os.Stderr, "server:", line)
		}
	})
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			p.Cmd.Process.Kill()
		}
	}()
	base := "http://" + p.Addr
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: time.Minute}
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resultURL, err := load.ResultURL(context.Background(), client, base)
	if err != nil {
		return err
	}
	ru, err := url.Parse(resultURL)
	if err != nil {
		return err
	}
	full := ru.Query().Get("a")
	postForm := func(path string, form url.Values) (*http.Response, error) {
		req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		res, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		return res, err
	}
	res, err := postForm("/team/new", url.Values{"name": {"Load"}})
	if err != nil {
		return err
	}
	loc, _ := url.Parse(res.Header.Get("Location"))
	parts := strings.Split(loc.Path, "/")
	if res.StatusCode != http.StatusSeeOther || len(parts) < 3 {
		return fmt.Errorf("creating the team: %s, Location %q", res.Status, loc)
	}
	id := parts[2]

	fmt.Fprintf(os.Stderr, "load: team scenario on %s, %d connections for %s\n", engine, conns, duration)
	type tally struct {
		ok, errors, non2xx, s5xx int
		lat                      []time.Duration
		first                    string
	}
	tallies := make([]tally, conns)
	end := time.Now().Add(duration)
	began := time.Now()
	var wg sync.WaitGroup
	for w := range conns {
		wg.Go(func() {
			t := &tallies[w]
			// A request is never cut short: one that was sent is
			// answered, so every committed result is counted.
			for time.Now().Before(end) {
				start := time.Now()
				res, err := postForm("/team/"+id+"/add", url.Values{"a": {full}, "m": {team.NewToken()}})
				t.lat = append(t.lat, time.Since(start))
				switch {
				case err != nil:
					t.errors++
					if t.first == "" {
						t.first = err.Error()
					}
				case res.StatusCode == http.StatusSeeOther:
					t.ok++
				default:
					t.non2xx++
					if res.StatusCode >= 500 {
						t.s5xx++
					}
					if t.first == "" {
						t.first = res.Status
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)

	var all tally
	for _, t := range tallies {
		all.ok += t.ok
		all.errors += t.errors
		all.non2xx += t.non2xx
		all.s5xx += t.s5xx
		all.lat = append(all.lat, t.lat...)
		if all.first == "" {
			all.first = t.first
		}
	}
	sort.Slice(all.lat, func(i, j int) bool { return all.lat[i] < all.lat[j] })
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
	tr.CloseIdleConnections()
	stopErr := p.Stop(20 * time.Second)
	stopped = true

	fmt.Printf("\nTeam scenario on %s: %d connections adding results to one team for %s.\n\n", engine, conns, elapsed.Round(time.Millisecond))
	fmt.Println("| engine | adds | adds/s | p50 | p99 | max | errors | non-303 | 5xx | stored |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	fmt.Printf("| %s | %d | %.0f | %s | %s | %s | %d | %d | %d | %d |\n\n", engine, all.ok, float64(all.ok)/elapsed.Seconds(),
		pct(all.lat, 50), pct(all.lat, 99), pct(all.lat, 100), all.errors, all.non2xx, all.s5xx, v.N)
	if all.first != "" {
		fmt.Println("- first problem:", all.first)
	}
	switch {
	case v.N != all.ok:
		return fmt.Errorf("team scenario on %s: %d results stored, %d adds answered 303", engine, v.N, all.ok)
	case all.errors+all.s5xx > 0:
		return fmt.Errorf("team scenario on %s: %d errors, %d 5xx", engine, all.errors, all.s5xx)
	case panics > 0:
		return fmt.Errorf("team scenario on %s: the server logged %d panics", engine, panics)
	case stopErr != nil:
		return fmt.Errorf("team scenario on %s: the server exited with %v", engine, stopErr)
	}
	fmt.Fprintf(os.Stderr, "load: team scenario on %s: stored count equals successful adds, no 5xx\n", engine)
	return nil
}

func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "–"
	}
	d := sorted[min(len(sorted)-1, len(sorted)*p/100)]
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}
