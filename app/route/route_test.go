package route

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"cxquiz/app/route/routetest"
)

var (
	banks = routetest.Banks()
	bank  = banks.Latest()
)

func parse(t *testing.T, raw string) Route {
	t.Helper()
	return Parse(banks, mustParse(t, raw))
}

func TestParse(t *testing.T) {
	t.Parallel()
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	full := bank.NewAnswers()
	for i := range full {
		full[i] = 1
	}
	code := bank.Encode(full)
	for _, tt := range []struct {
		url    string
		screen Screen
		status int
	}{
		{"/", Intro, 200},
		{"/index.html", Intro, 200},
		{"/q/1", Question, 200},
		{"/q/2?a=" + partial, Question, 200},
		{"/q/0", NotFound, 404},
		{"/q/27", NotFound, 404},
		{"/nope", NotFound, 404},
		{"/result?a=" + code, Result, 200},
		{"/result?a=zzz", Damaged, 400},
		{"/q/1?pick=9", Question, 400},
		{"/compare?r=" + code, Compare, 200},
		// A static host's directory form of a page.
		{"/q/2/?a=" + partial, Question, 200},
		{"/result/?a=" + code, Result, 200},
		{"/compare/?r=" + code, Compare, 200},
		{"/q/2//?a=" + partial, NotFound, 404},
		{"//", NotFound, 404},
		{"/nope/", NotFound, 404},
	} {
		r := parse(t, tt.url)
		if r.Screen != tt.screen || r.Status() != tt.status {
			t.Errorf("%s: screen %d status %d, want %d %d", tt.url, r.Screen, r.Status(), tt.screen, tt.status)
		}
		if p := r.Canonical().Path; tt.screen != NotFound && strings.HasSuffix(p, "/") && p != "/" {
			t.Errorf("%s: canonical path %s keeps the slash", tt.url, p)
		}
	}
}

func TestURLs(t *testing.T) {
	t.Parallel()
	a := bank.NewAnswers().With(1, 2)
	code := bank.Encode(a)
	r := parse(t, "/q/2?a="+code+"&lang=de&embed=1&accent=%230A7")
	if r.Prefs != (Prefs{Lang: "de", Embed: true, Accent: "#00aa77"}) {
		t.Errorf("prefs %+v", r.Prefs)
	}
	for got, want := range map[string]string{
		r.QuestionURL(3):     "/q/3?a=" + code + "&accent=%2300aa77&embed=1&lang=de",
		r.ResultURL():        "/result?a=" + code + "&accent=%2300aa77&embed=1&lang=de",
		r.ShareURL():         "/result?a=" + code + "&lang=de&shared=1",
		r.IntroURL():         "/?accent=%2300aa77&embed=1&lang=de",
		r.StartURL():         "/q/2?a=" + code + "&accent=%2300aa77&embed=1&lang=de",
		r.FirstQuestionURL(): "/q/1?accent=%2300aa77&embed=1&lang=de",
		// The same question in another language, the answers kept.
		r.InLang("en"): "/q/2?a=" + code + "&accent=%2300aa77&embed=1&lang=en",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	var names []string
	for _, f := range r.Prefs.Hidden(code) {
		names = append(names, f.Name+"="+f.Value)
	}
	if got := strings.Join(names, " "); got != "a="+code+" accent=#00aa77 embed=1 lang=de" {
		t.Errorf("hidden fields %s", got)
	}
}

// TestWithLang: a URL without ?lang= takes the language chosen for it
// (named in its links unless it is the default); a URL's own wins.
func TestWithLang(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		url, chosen   string
		lang, showing string // Prefs.Lang and Language() after
		start         string
	}{
		{"/", "de", "de", "de", "/q/1?lang=de"},
		{"/", "en", "", "en", "/q/1"},
		{"/", "", "", "en", "/q/1"},
		{"/", "xx", "", "en", "/q/1"},
		{"/?lang=en", "de", "en", "en", "/q/1?lang=en"},
		{"/?lang=de", "en", "de", "de", "/q/1?lang=de"},
		{"/?lang=xx", "de", "de", "de", "/q/1?lang=de"},
	} {
		r := parse(t, tt.url).WithLang(tt.chosen)
		if r.Prefs.Lang != tt.lang || r.Prefs.Language() != tt.showing || r.StartURL() != tt.start {
			t.Errorf("%s with %q: Lang %q, Language %q, start %s; want %q, %q, %s",
				tt.url, tt.chosen, r.Prefs.Lang, r.Prefs.Language(), r.StartURL(), tt.lang, tt.showing, tt.start)
		}
	}
}

func TestAnswerLeadsOn(t *testing.T) {
	t.Parallel()
	r := parse(t, "/q/1?pick=2&lang=de")
	if r.Status() != http.StatusOK || !strings.HasPrefix(r.Next, "/q/2?a=") || !strings.Contains(r.Next, "lang=de") {
		t.Errorf("next %q", r.Next)
	}
}

// TestAnswerFormSent reads the query the answer form sends: the radios'
// pick (if one is checked), then the hidden fields, then an empty pick
// that says the form was sent. A choice leads on; no choice asks for one.
func TestAnswerFormSent(t *testing.T) {
	t.Parallel()
	code := bank.Encode(bank.NewAnswers().With(1, 2))
	r := parse(t, "/q/2?pick=3&a="+code+"&pick=")
	if r.MissingPick || r.Next != "/q/3?a="+bank.Encode(bank.NewAnswers().With(1, 2).With(2, 2)) {
		t.Errorf("a choice sent: missing %v, next %q", r.MissingPick, r.Next)
	}
	r = parse(t, "/q/2?a="+code+"&pick=")
	if !r.MissingPick || r.Next != "" || r.Status() != http.StatusBadRequest || r.Screen != Question || r.Number != 2 {
		t.Errorf("no choice sent: missing %v, next %q, status %d, screen %d, number %d", r.MissingPick, r.Next, r.Status(), r.Screen, r.Number)
	}
}

func TestPasteLinks(t *testing.T) {
	t.Parallel()
	full := bank.NewAnswers()
	for i := range full {
		full[i] = 3
	}
	code := bank.Encode(full)
	q := url.Values{"links": {"https://x.example/result?a=" + code + "\n" + code}}
	r := parse(t, "/compare?"+q.Encode())
	if r.Next != "/compare?r="+code+"&r="+code || len(r.Codes) != 2 {
		t.Errorf("next %q, codes %v", r.Next, r.Codes)
	}
}

// TestCanonical checks that the canonical URL leaves out what does not
// change the page, keeps what does, and shows the same page again.
func TestCanonical(t *testing.T) {
	t.Parallel()
	a := bank.NewAnswers().With(1, 2)
	code := bank.Encode(a)
	for raw, want := range map[string]string{
		"/":                               "/",
		"/?x=1&utm_source=y":              "/",
		"/index.html?lang=de&x=2":         "/index.html?lang=de",
		"/q/2?a=" + code + "&x=1":         "/q/2?a=" + code,
		"/q/2?a=%20" + code + "%20":       "/q/2?a=" + code,
		"/q/2?x=1&a=" + code + "&embed=1": "/q/2?a=" + code + "&embed=1",
		"/q/2?pick=9&a=" + code:           "/q/2?a=" + code + "&pick=",
		"/result?a=" + code + "&shared=1": "/result?a=" + code + "&shared=1",
		"/result?a=zz&x=1":                "/result?a=%21",
		"/compare?r=x&r=y&z=1":            "/compare?r=x&r=y",
		"/nope?x=1&lang=de":               "/404?lang=de",
	} {
		if got := parse(t, raw).Canonical().String(); got != want {
			t.Errorf("%s: canonical %s, want %s", raw, got, want)
		}
	}
}

func TestParseOlderVersion(t *testing.T) {
	t.Parallel()
	v1 := banks.Version(1)
	partial := v1.Encode(v1.NewAnswers().With(1, 2))
	r := parse(t, "/q/26?a="+partial)
	if r.Screen != Question || r.Bank() != v1 || !r.Older() || r.Banks() != banks {
		t.Fatalf("v1 partial on question 26: screen %d, version %d, older %v", r.Screen, r.Bank().Version, r.Older())
	}
	r = parse(t, "/q/26?a="+partial+"&pick=1")
	if r.Next != "/q/2?a="+v1.Encode(v1.NewAnswers().With(1, 2).With(26, 0)) {
		t.Errorf("pick on the last v1 question leads to %s", r.Next)
	}
	if r := parse(t, "/q/26"); r.Screen != NotFound {
		t.Errorf("/q/26 of the latest version: screen %d", r.Screen)
	}
	// Versions 2 to 4 ask as many questions as the latest: their links
	// stay in their own version all the same, to the last question and
	// the result.
	for _, v := range []int{2, 3, 4} {
		old := banks.Version(v)
		if old == nil || old == bank || len(old.Questions()) != len(bank.Questions()) {
			t.Fatalf("version %d is missing or the latest, or asks another number of questions than the latest (%d)", v, len(bank.Questions()))
		}
		partial = old.Encode(old.NewAnswers().With(1, 2))
		r = parse(t, "/q/24?a="+partial)
		if r.Screen != Question || r.Bank() != old || !r.Older() {
			t.Fatalf("v%d partial on question 24: screen %d, version %d, older %v", v, r.Screen, r.Bank().Version, r.Older())
		}
		r = parse(t, "/q/24?a="+partial+"&pick=1")
		if r.Next != "/q/2?a="+old.Encode(old.NewAnswers().With(1, 2).With(24, 0)) {
			t.Errorf("pick on the last v%d question leads to %s", v, r.Next)
		}
		full := old.NewAnswers()
		for i := range full {
			full[i] = i % 4
		}
		if r := parse(t, "/result?a="+old.Encode(full)); r.Screen != Result || r.Bank() != old || !r.Older() {
			t.Errorf("v%d result: screen %d, version %d, older %v", v, r.Screen, r.Bank().Version, r.Older())
		}
	}
	if r := parse(t, "/q/3"); r.Bank() != bank || r.Older() {
		t.Errorf("a new quiz is not the latest version")
	}
}

// A link pasted at the end of a sentence, in brackets or in quotes brings
// that punctuation along: the link still opens its screen.
func TestParseTrailingPunctuation(t *testing.T) {
	t.Parallel()
	full := bank.NewAnswers()
	for i := range full {
		full[i] = 2
	}
	code := bank.Encode(full)
	for _, tail := range []string{".", ",", ")", ").", "!", "?", ";", ":", `"`, "'", "]", "%22", "%27", "%29", "%C2%BB", "%E2%80%9D", "..."} {
		for _, raw := range []string{"/result?a=" + code + tail, "/result?a=" + code + "&shared=1" + tail} {
			r := parse(t, raw)
			if r.Screen != Result || r.Code() != code {
				t.Errorf("%s: screen %v, code %q; want the result of %s", raw, r.Screen, r.Code(), code)
			}
			if strings.Contains(raw, "shared") && !r.Shared {
				t.Errorf("%s: not read as shared", raw)
			}
		}
	}
	r := parse(t, "/compare?r="+code+"&r="+code+").")
	if len(r.Codes) != 2 || r.Codes[1] != code {
		t.Errorf("compare with a trailing '). ': codes %q", r.Codes)
	}
	// What no link of the quiz's ends in stays damaged.
	for _, raw := range []string{"/result?a=!!!!", "/result?a=" + code + "x.", "/result?a=."} {
		if r := parse(t, raw); r.Screen != Damaged {
			t.Errorf("%s: screen %v, want Damaged", raw, r.Screen)
		}
	}
	if r := parse(t, "/result?a=!!!!"); r.Status() != http.StatusBadRequest {
		t.Errorf("/result?a=!!!!: status %d, want 400", r.Status())
	}
	if r := parse(t, "/result?a=!").WithStatus(http.StatusRequestURITooLong); r.Status() != http.StatusRequestURITooLong {
		t.Errorf("WithStatus(414): status %d", r.Status())
	}
}

// Pasted text that holds no result link is counted, and the compare page
// it leads to carries the count (and keeps it in its canonical URL).
func TestPasteLinksCountsWhatItLeavesOut(t *testing.T) {
	t.Parallel()
	full := bank.NewAnswers()
	for i := range full {
		full[i] = 3
	}
	code := bank.Encode(full)
	q := url.Values{"links": {"müll\nhttps://x.example/result?a=" + code + ", " + code + "\n\n  \nnot a link"}}
	r := parse(t, "/compare?"+q.Encode())
	if r.Next != "/compare?r="+code+"&r="+code+"&skipped=2" {
		t.Errorf("next %q, want the two codes and skipped=2 (two lines without a link; blank lines do not count)", r.Next)
	}
	r = parse(t, r.Next)
	if r.Skipped != 2 || len(r.Codes) != 2 || r.Canonical().Query().Get("skipped") != "2" {
		t.Errorf("after the redirect: skipped %d, codes %v, canonical %s", r.Skipped, r.Codes, r.Canonical())
	}
	for _, raw := range []string{"/compare?r=" + code + "&skipped=-3", "/compare?r=" + code + "&skipped=x", "/compare?r=" + code} {
		if r := parse(t, raw); r.Skipped != 0 || r.Canonical().Query().Has("skipped") {
			t.Errorf("%s: skipped %d, canonical %s", raw, r.Skipped, r.Canonical())
		}
	}
	if r := parse(t, "/compare?r="+code+"&skipped=100000"); r.Skipped != maxSkipped {
		t.Errorf("skipped=100000 read as %d, want %d", r.Skipped, maxSkipped)
	}
}

// A host may fix the colour scheme; anything but light or dark follows
// the browser, and the choice travels with the other display options.
func TestParseTheme(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ raw, want string }{
		{"/?theme=light", "light"},
		{"/q/1?theme=dark&embed=1", "dark"},
		{"/?theme=auto", ""},
		{"/?theme=blue", ""},
		{"/?theme=Light", ""},
		{"/", ""},
	} {
		r := parse(t, tc.raw)
		if r.Prefs.Theme != tc.want {
			t.Errorf("%s: theme %q, want %q", tc.raw, r.Prefs.Theme, tc.want)
		}
		if got := r.Canonical().Query().Get("theme"); got != tc.want {
			t.Errorf("%s: canonical theme %q, want %q", tc.raw, got, tc.want)
		}
	}
	if r := parse(t, "/?theme=dark&lang=de"); !strings.Contains(r.Prefs.Link("/q/1", ""), "theme=dark") {
		t.Errorf("links lose the theme: %s", r.Prefs.Link("/q/1", ""))
	}
}
