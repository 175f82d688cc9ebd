//go:build !wasm

package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"cxquiz/quiz"
)

// answersAt answers every question of b with the option anchored to the
// level that level picks for it.
func answersAt(b *quiz.Bank, level func(q *quiz.Question) string) quiz.Answers {
	a := b.NewAnswers()
	for _, q := range b.Questions() {
		want := level(q)
		for i, o := range q.Options {
			if o.Level == want {
				a[q.Number-1] = i
			}
		}
	}
	return a
}

// TestOlderVersionLinks: links made with any older version of the
// questions keep opening what they opened, scored as then, and say that a
// newer version exists; unfinished ones resume in their own version.
func TestOlderVersionLinks(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	older := banks.All()[:len(banks.All())-1]
	// Every version before the latest is kept: version 2 since version 3
	// replaced it, version 3 since version 4 did, version 4 since version 5
	// did.
	for i, old := range older {
		if old.Version != i+1 {
			t.Fatalf("versions %v: version %d is not kept beside the latest (%d)", banks.All(), i+1, bank.Version)
		}
	}
	if len(older) < 4 {
		t.Fatalf("only %d older versions beside the latest (%d); versions 2 to 4 must be among them", len(older), bank.Version)
	}
	var fulls []string
	for _, old := range older {
		n := len(old.Questions())
		a := old.NewAnswers()
		for i := range a {
			a[i] = (i * 7) % 4
		}
		res, err := old.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		full := old.Encode(a)
		fulls = append(fulls, full)
		for _, lang := range []string{"en", "de"} {
			r, body := get(t, ts, "/result?a="+full+"&lang="+lang)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("v%d %s: status %d", old.Version, lang, r.StatusCode)
			}
			for _, want := range []string{
				fmt.Sprintf(`data-version="%d"`, old.Version), fmt.Sprintf(`data-overall="%d"`, res.Overall), `data-level="` + res.Level.ID + `"`,
				`id="older-version"`, `id="take-new"`, old.In(lang).Level(res.Level.ID).Name,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("v%d result in %s lacks %q", old.Version, lang, want)
				}
			}
		}

		partial := old.Encode(old.NewAnswers().With(1, 2).With(n-2, 1))
		r, body := get(t, ts, fmt.Sprintf("/q/%d?a=%s", n-1, partial))
		if r.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf("Question %d of %d", n-1, n)) || !strings.Contains(body, `id="older-version"`) {
			t.Errorf("v%d partial on question %d: status %d, progress or note missing", old.Version, n-1, r.StatusCode)
		}
		r, body = get(t, ts, "/result?a="+partial)
		if r.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf("2 of %d", n)) || !strings.Contains(body, `id="older-version"`) {
			t.Errorf("unfinished v%d result: status %d", old.Version, r.StatusCode)
		}
		// An answer given on an older link stays in its version.
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(ts.URL + fmt.Sprintf("/q/%d?a=%s&pick=3", n-1, partial))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		next, err := old.Decode(loc.Query().Get("a"))
		if resp.StatusCode/100 != 3 || loc.Path != fmt.Sprintf("/q/%d", n) || err != nil || next.Get(n-1) != 2 || next.Answered() != 3 {
			t.Errorf("pick on a v%d link: %d → %s (%v)", old.Version, resp.StatusCode, loc, err)
		}
	}
	// New quizzes are the latest version, and its links carry no note.
	if r, body := get(t, ts, "/q/1"); r.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf("Question 1 of %d", len(bank.Questions()))) || strings.Contains(body, `id="older-version"`) {
		t.Errorf("new quiz is not version %d", bank.Version)
	}
	if r, _ := get(t, ts, fmt.Sprintf("/q/%d", len(bank.Questions())+1)); r.StatusCode != http.StatusNotFound {
		t.Errorf("/q/%d without a code: status %d, want 404 (version %d has %d questions)", len(bank.Questions())+1, r.StatusCode, bank.Version, len(bank.Questions()))
	}
	_, latest := fullCode(t, func(i int) int { return i % 4 })
	if _, body := get(t, ts, "/result?a="+latest); !strings.Contains(body, fmt.Sprintf(`data-version="%d"`, bank.Version)) || strings.Contains(body, `id="older-version"`) {
		t.Errorf("a version-%d result says a newer version exists", bank.Version)
	}

	// Compare takes a mix of versions and says what it compares.
	var mixes [][]string
	for _, f := range fulls {
		mixes = append(mixes, []string{f, latest})
	}
	if len(fulls) > 1 {
		mixes = append(mixes, append(append([]string(nil), fulls...), latest))
	}
	for _, mix := range mixes {
		r, body := get(t, ts, "/compare?r="+strings.Join(mix, "&r="))
		if r.StatusCode != http.StatusOK || !strings.Contains(body, `id="versions"`) || strings.Count(body, `data-dimension="`) < len(bank.Dimensions) {
			t.Errorf("mixed compare %v: status %d, versions note or rows missing", mix, r.StatusCode)
		}
	}
	if _, body := get(t, ts, "/compare?r="+latest+"&r="+latest); strings.Contains(body, `id="versions"`) {
		t.Error("compare of one version claims a mix")
	}
}

// TestResultTiesAndUnevenness: a result whose dimensions all tie names no
// strongest dimension; one with opposite answers inside a dimension says
// so; level names are the same on the scale, the chart and the explainer.
func TestResultTiesAndUnevenness(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	tied := bank.Encode(answersAt(bank, func(*quiz.Question) string { return "focused" }))
	_, body := get(t, ts, "/result?a="+tied)
	if !strings.Contains(body, "none stands out") || !strings.Contains(body, "dimensions tie") {
		t.Error("all dimensions tied, but the result does not say so")
	}
	if strings.Contains(body, `id="uneven"`) {
		t.Error("even answers flagged as uneven")
	}
	seen := map[string]bool{}
	uneven := bank.Encode(answersAt(bank, func(q *quiz.Question) string {
		if q.Dimension.ID == bank.Dimensions[0].ID && !seen["top"] {
			seen["top"] = true
			return "centric"
		}
		return "service"
	}))
	_, body = get(t, ts, "/result?a="+uneven)
	if !strings.Contains(body, `id="uneven"`) || !strings.Contains(body, `data-uneven="1"`) {
		t.Error("a dimension with a top and a bottom answer is not flagged")
	}
	for _, lang := range []string{"en", "de"} {
		b := bank.In(lang)
		low, high := b.Poles()
		left, right := b.ExplainerColumns()
		_, body := get(t, ts, "/result?a="+tied+"&lang="+lang)
		for _, name := range []string{low.Name, high.Name, left.Name, right.Name} {
			if strings.Count(body, ">"+name+"<")+strings.Count(body, "← "+name)+strings.Count(body, name+" →") < 2 {
				t.Errorf("%s: level name %q not on both the scale and the chart or explainer", lang, name)
			}
		}
	}
}
