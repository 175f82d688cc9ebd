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

// TestVersion1Links: links made with the first version of the questions
// keep opening what they opened, scored as then, and say that a newer
// version exists; unfinished ones resume in their own version.
func TestVersion1Links(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	v1 := banks.Version(1)
	if v1 == nil || v1 == bank {
		t.Fatal("no version 1 beside the latest")
	}
	a := v1.NewAnswers()
	for i := range a {
		a[i] = (i * 7) % 4
	}
	res, err := v1.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	full := v1.Encode(a)
	for _, lang := range []string{"en", "de"} {
		r, body := get(t, ts, "/result?a="+full+"&lang="+lang)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, r.StatusCode)
		}
		for _, want := range []string{
			`data-version="1"`, fmt.Sprintf(`data-overall="%d"`, res.Overall), `data-level="` + res.Level.ID + `"`,
			`id="older-version"`, `id="take-new"`, v1.In(lang).Level(res.Level.ID).Name,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("v1 result in %s lacks %q", lang, want)
			}
		}
	}

	partial := v1.Encode(v1.NewAnswers().With(1, 2).With(24, 1))
	r, body := get(t, ts, "/q/25?a="+partial)
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "Question 25 of 26") || !strings.Contains(body, `id="older-version"`) {
		t.Errorf("v1 partial on question 25: status %d, progress or note missing", r.StatusCode)
	}
	r, body = get(t, ts, "/result?a="+partial)
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "2 of 26") || !strings.Contains(body, `id="older-version"`) {
		t.Errorf("unfinished v1 result: status %d", r.StatusCode)
	}
	// An answer given on a v1 link stays in version 1.
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(ts.URL + "/q/25?a=" + partial + "&pick=3")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode/100 != 3 || loc.Path != "/q/26" || !strings.HasPrefix(loc.Query().Get("a"), "B") {
		t.Errorf("pick on a v1 link: %d → %s", resp.StatusCode, loc)
	}
	// New quizzes are the latest version.
	if r, body := get(t, ts, "/q/1"); r.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf("Question 1 of %d", len(bank.Questions()))) {
		t.Errorf("new quiz is not version %d", bank.Version)
	}
	if r, _ := get(t, ts, "/q/25"); r.StatusCode != http.StatusNotFound {
		t.Errorf("/q/25 without a code: status %d, want 404 (version %d has %d questions)", r.StatusCode, bank.Version, len(bank.Questions()))
	}

	// Compare takes a mix of versions and says what it compares.
	_, latest := fullCode(t, func(i int) int { return i % 4 })
	r, body = get(t, ts, "/compare?r="+full+"&r="+latest)
	if r.StatusCode != http.StatusOK || !strings.Contains(body, `id="versions"`) || strings.Count(body, `data-dimension="`) < len(bank.Dimensions) {
		t.Errorf("mixed compare: status %d, versions note or rows missing", r.StatusCode)
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
