package screens

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/app/route/routetest"
	"cxquiz/quiz"
)

var (
	banks = routetest.Banks()
	bank  = banks.Latest()
)

// load mounts the page for a URL in go-app's test engine.
func load(t *testing.T, rawURL string) *page { return loadServed(t, rawURL, "") }

// loadServed mounts the page for a URL as the wasm does on a page the
// server sent in the language served.
func loadServed(t *testing.T, rawURL, served string) *page {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(banks, served, &TakeOver{banks: banks})
	p.setRoute(route.Parse(banks, u))
	e := app.NewTestEngine()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return p
}

func TestQuestionComponent(t *testing.T) {
	t.Parallel()
	code := bank.Encode(bank.NewAnswers().With(1, 0).With(2, 3))
	p := load(t, "/q/2?a="+code)
	q := bank.Question(2)
	// page > div.page > main > section > form > fieldset > legend > h1
	// Focus lands on it at each step: its description says where in the
	// check the question is (the progress label).
	if err := app.Match(app.H1().ID("screen-heading").TabIndex(-1).Aria("describedby", "progress-label").Text(q.Text), p, 0, 1, 0, 1, 0, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text(q.Text), p, 0, 1, 0, 1, 0, 0, 0, 0); err != nil {
		t.Error(err)
	}
	// The fourth option was answered before: it is checked.
	for i := range q.Options {
		// Not required: a required group with nothing chosen is invalid
		// to screen readers before anyone tried to go on.
		opt := app.Input().ID("opt-" + strconv.Itoa(i+1)).Type("radio").Name("pick").Value(strconv.Itoa(i + 1)).
			OnChange(func(app.Context, app.Event) {})
		if i == 3 {
			opt = opt.Checked(true)
		}
		// ... > fieldset > (legend, div.pick-request,) div.options > label > input
		if err := app.Match(opt, p, 0, 1, 0, 1, 0, 2, i, 0); err != nil {
			t.Errorf("option %d: %v", i+1, err)
		}
	}
}

func TestQuestionPickAndSubmit(t *testing.T) {
	t.Parallel()
	p := load(t, "/q/24?a="+bank.Encode(fullAnswers(1).With(24, -1)))
	if p.picked != -1 {
		t.Fatalf("picked %d on an open question", p.picked)
	}
	p.pick(2)
	if got, want := p.next(), "/result?a="+bank.Encode(fullAnswers(1).With(24, 2)); got != want {
		t.Errorf("after the last answer: %s, want %s", got, want)
	}
}

func TestResultComponent(t *testing.T) {
	t.Parallel()
	a := fullAnswers(2)
	res, _ := bank.Score(a)
	p := load(t, "/result?a="+bank.Encode(a)+"&lang=de")
	de := p.bank().In("de")
	// page > div.page > main > section.result > h1 (after the eyebrow)
	if err := app.Match(app.H1().ID("screen-heading").TabIndex(-1).Text(de.LevelFor(res.Overall).Name), p, 0, 1, 0, 1); err != nil {
		t.Error(err)
	}
}

func TestProblemComponent(t *testing.T) {
	t.Parallel()
	p := load(t, "/result?a=BAD")
	if err := app.Match(app.H1().ID("screen-heading").TabIndex(-1).Text(T("en").S("damaged.title")), p, 0, 1, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.A().ID("start-over").Class("button primary").Href("/").Text(T("en").S("problem.start")), p, 0, 1, 0, 3); err != nil {
		t.Error(err)
	}
}

// TestLastPart checks that lastPart names the last part a screen holds
// back while the wasm takes it over in steps (staged.go): with the parts
// up to it shown the screen is whole, with one fewer it is not. stageIn
// would otherwise swap in a screen with parts missing, or wait for parts
// that never come.
func TestLastPart(t *testing.T) {
	t.Parallel()
	full, other := bank.Encode(fullAnswers(2)), bank.Encode(fullAnswers(0))
	for _, tt := range []struct {
		url  string
		last int
	}{
		{"/result?a=" + full, resultLastPart},
		{"/result?a=" + other + "&lang=de&embed=1", resultLastPart},
		{"/compare?r=" + full + "&r=" + other, comparePart(len(bank.Dimensions))},
		{"/compare?r=" + full + "&r=BAD", comparePart(len(bank.Dimensions))},
		{"/compare?r=BAD", 0},
		{"/compare", 0},
		{"/result?a=" + bank.Encode(fullAnswers(2).With(3, -1)), 0},
		{"/q/1", 0},
		{"/", 0},
	} {
		t.Run(tt.url, func(t *testing.T) {
			t.Parallel()
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(banks, "", &TakeOver{banks: banks})
			p.setRoute(route.Parse(banks, u))
			if got := p.lastPart(); got != tt.last {
				t.Errorf("lastPart() = %d, want %d", got, tt.last)
			}
			render := func(shown int) string {
				p.staged, p.shown = true, shown
				return normalize(app.HTMLString(p.Render()))
			}
			whole := render(everyPart)
			if render(p.lastPart()) != whole {
				t.Errorf("with parts up to %d shown, the screen is not whole", p.lastPart())
			}
			if p.lastPart() > 0 && render(p.lastPart()-1) == whole {
				t.Errorf("with parts up to %d shown, the screen is whole already", p.lastPart()-1)
			}
		})
	}
}

// fullAnswers answers every question with option i.
func fullAnswers(i int) quiz.Answers {
	a := bank.NewAnswers()
	for n := range a {
		a[n] = i
	}
	return a
}

// TestServedLang: on a page the server sent in the language it chose for
// a URL without ?lang=, the wasm shows that language with the links the
// server wrote; a URL's own ?lang= wins.
func TestServedLang(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		url, served, lang, start string
	}{
		{"/", "de", "de", "/q/1?lang=de"},
		{"/", "en", "en", "/q/1"},
		{"/", "", "en", "/q/1"},
		{"/?lang=en", "de", "en", "/q/1?lang=en"},
	} {
		p := loadServed(t, tt.url, tt.served)
		if p.lang() != tt.lang || p.r.StartURL() != tt.start {
			t.Errorf("%s served in %q: language %q, start %s; want %q, %s", tt.url, tt.served, p.lang(), p.r.StartURL(), tt.lang, tt.start)
		}
		// page > div.page > main > section.intro > h1 (after the eyebrow)
		h := app.H1().ID("screen-heading").TabIndex(-1).Text(T(tt.lang).S("intro.heading"))
		if err := app.Match(h, p, 0, 1, 0, 1); err != nil {
			t.Errorf("%s served in %q: %v", tt.url, tt.served, err)
		}
	}
}

// TestMinutesToAnswer: the intro's time is what reading every question
// and option and thinking of the last time takes, not a guess: version
// 4's ~2,100 words in English and German.
func TestMinutesToAnswer(t *testing.T) {
	t.Parallel()
	for _, lang := range bank.Languages() {
		b := bank.In(lang)
		words := 0
		for _, q := range b.Questions() {
			words += len(strings.Fields(q.Text))
			for _, o := range q.Options {
				words += len(strings.Fields(o.Text))
			}
		}
		got := minutesToAnswer(b)
		// Reading alone at 238 words a minute, and at most a quarter of
		// a minute more a question.
		low, high := words/238, words/238+len(b.Questions())/4+1
		if got < low || got > high {
			t.Errorf("%s: %d minutes for %d words in %d questions, want %d to %d", lang, got, words, len(b.Questions()), low, high)
		}
		p := load(t, "/?lang="+lang)
		if html := app.HTMLString(p.Render()); !strings.Contains(html, T(lang).S("intro.length", "n", len(b.Questions()), "dims", len(b.Dimensions), "minutes", got)) {
			t.Errorf("%s: the intro does not say %d minutes", lang, got)
		}
		t.Logf("%s: %d words, %d questions: %d minutes", lang, words, len(b.Questions()), got)
	}
}

// TestSharedResultWords: a result opened from a share link speaks to its
// recipient, who has not taken the check: the link holds someone else's
// answers, and the way on is to take the check, not to take it again.
func TestSharedResultWords(t *testing.T) {
	t.Parallel()
	code := bank.Encode(fullAnswers(2))
	for _, lang := range bank.Languages() {
		tx := T(lang)
		own := app.HTMLString(load(t, "/result?a="+code+"&lang="+lang).Render())
		shared := app.HTMLString(load(t, "/result?a="+code+"&lang="+lang+"&shared=1").Render())
		for _, c := range []struct {
			page       string
			has, hasNo []string
		}{
			{own, []string{tx.S("result.share"), tx.S("result.retake")}, []string{tx.S("result.shareShared")}},
			{shared, []string{tx.S("result.shareShared"), tx.S("result.takeIt")}, []string{tx.S("result.share"), tx.S("result.retake")}},
		} {
			name := "own"
			if c.page == shared {
				name = "shared"
			}
			for _, s := range c.has {
				if !strings.Contains(c.page, s) {
					t.Errorf("%s, %s result: %q is missing", lang, name, s)
				}
			}
			for _, s := range c.hasNo {
				if strings.Contains(c.page, s) {
					t.Errorf("%s, %s result: says %q", lang, name, s)
				}
			}
		}
	}
}

// TestQuestionLangSwitch: a question offers the other languages, each the
// same question with the answers so far (route.InLang).
func TestQuestionLangSwitch(t *testing.T) {
	t.Parallel()
	code := bank.Encode(bank.NewAnswers().With(1, 2).With(2, 0))
	for _, tt := range []struct{ url, want string }{
		{"/q/3?a=" + code, `href="/q/3?a=` + code + `&lang=de"`},
		{"/q/3?a=" + code + "&lang=de&embed=1", `href="/q/3?a=` + code + `&embed=1&lang=en"`},
		{"/q/1", `href="/q/1?lang=de"`},
	} {
		html := app.HTMLString(load(t, tt.url).Render())
		// go-app writes attributes in map order: find the class, not the tag.
		nav := strings.Index(html, `class="langs"`)
		if nav < 0 || !strings.Contains(html[nav:], tt.want) {
			t.Errorf("%s: no language switch with %s", tt.url, tt.want)
		}
	}
	a := route.Parse(banks, &url.URL{Path: "/q/3", RawQuery: "a=" + code})
	for raw, want := range map[string]bool{
		"a=" + code + "&lang=de":                         true,
		"a=" + code + "&embed=1":                         true,
		"a=" + bank.Encode(bank.NewAnswers().With(1, 2)): false,
		"a=" + code + "&x=/q/4":                          true,
	} {
		b := route.Parse(banks, &url.URL{Path: "/q/3", RawQuery: raw})
		if got := sameQuestion(a, b); got != want {
			t.Errorf("sameQuestion(/q/3?a=%s, /q/3?%s) = %v", code, raw, got)
		}
	}
	if sameQuestion(a, route.Parse(banks, &url.URL{Path: "/q/4", RawQuery: "a=" + code})) {
		t.Error("questions 3 and 4 are the same question")
	}
}
