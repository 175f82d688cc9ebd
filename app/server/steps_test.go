//go:build !wasm

package server

import (
	"html"
	"strings"
	"testing"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// TestNextStepsFollowAnswers: the result page shows the next steps the
// quiz chooses from the answers, not every step of a dimension's level
// (the respondent's exploratory test, defect 1), and with every answer at
// the top it lists no place to start and says why, with what to keep
// doing in each dimension (defect 6), in every version and language.
func TestNextStepsFollowAnswers(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	page := func(code, lang string) string {
		t.Helper()
		r, raw := get(t, ts, "/result?a="+code+"&lang="+lang)
		if r.StatusCode != 200 {
			t.Fatalf("%s %s: status %d", code, lang, r.StatusCode)
		}
		return html.UnescapeString(betweenTags.ReplaceAllString(raw, "><"))
	}
	// The codes the tester reported, each with the step it wrongly showed.
	for code, done := range map[string]string{
		"ETULaTjUhTiJJzw": "Give frontline staff a set amount they can spend per case to resolve a problem without approval.",
		"ETULaTjUhTJbitg": "Put retention and lifetime value next to NPS in the monthly management review.",
		"ETULaTjUjJijiIA": "Record every contact in one shared system so that anyone who speaks to a customer can see their history.",
		"ETTMaTjUhTijifw": "Tell customers about known problems, such as delays or planned outages, before they run into them.",
	} {
		b, a, err := banks.Decode(code)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "de"} {
			body := page(code, lang)
			res, err := b.In(lang).Score(a)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(body, done) {
				t.Errorf("%s %s: still shows %q", code, lang, done)
			}
			for _, d := range res.StartingPoints(3) {
				for _, s := range d.Steps() {
					if !strings.Contains(body, "<li>"+s+"</li>") {
						t.Errorf("%s %s: %s's step %q missing", code, lang, d.Dimension.ID, s)
					}
				}
			}
			if strings.Contains(body, `id="no-start"`) || strings.Contains(body, `id="keep-all"`) {
				t.Errorf("%s %s: says there is nothing to start", code, lang)
			}
		}
	}
	for _, b := range banks.All() {
		_, high := b.Poles()
		code := b.Encode(answersAt(b, func(*quiz.Question) string { return high.ID }))
		for _, lang := range []string{"en", "de"} {
			body := page(code, lang)
			tx := screens.T(lang)
			lb := b.In(lang)
			_, top := lb.Poles()
			if !strings.Contains(body, `<p id="no-start">`+tx.S("result.noStart", "level", top.Name)+`</p>`) {
				t.Errorf("version %d %s, all top: no plain 'nothing to start'", b.Version, lang)
			}
			if !strings.Contains(body, tx.S("result.keepAll", "level", top.Name)) {
				t.Errorf("version %d %s, all top: no pointer to keeping and checking", b.Version, lang)
			}
			if strings.Contains(body, `<article class="steps"`) || strings.Contains(body, tx.S("result.tiedStart", "n", len(b.Dimensions))) {
				t.Errorf("version %d %s, all top: dimensions listed as places to start", b.Version, lang)
			}
			flat := strings.Join(strings.Fields(body), " ")
			for _, d := range lb.Dimensions {
				if !strings.Contains(flat, `<strong>`+d.Name+`: </strong> `+d.Keep+` </li>`) {
					t.Errorf("version %d %s, all top: %s's keep-doing text missing", b.Version, lang, d.ID)
				}
			}
		}
	}
}
