//go:build !wasm

// Package server serves the quiz: go-app's prerendered pages and
// scripts, the precompressed static assets, a health check and the
// static export. It is built from a Config; nothing in it is global.
package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/text/language"

	"cxquiz/app/route"
	"cxquiz/app/screens"
	"cxquiz/app/team"
	"cxquiz/quiz"
)

// Limits on what a request may carry; the longest real URL is a result
// link of well under 200 bytes.
const (
	maxURLBytes    = 2048
	maxQueryParams = 16
)

// Config is what a Server is built from.
type Config struct {
	// Banks holds every published version of the question bank: new
	// quizzes use the latest, a link its own version. The screens must be
	// registered with the same banks (screens.Register), since go-app
	// renders pages from its process-wide routes.
	Banks *quiz.Banks
	// Files are the web assets (web.Files): app.wasm with its .br and .gz
	// variants, styles, scripts and icons.
	Files fs.FS
	// Log gets the access log and the server's own messages; nil: none.
	Log *log.Logger

	Addr         string        // host:port to listen on
	EmbedOrigins string        // -embed-origins: origins allowed to frame the quiz, or *
	TLSCert      string        // certificate and key files: serve HTTPS
	TLSKey       string        //
	Domain       string        // public host name, for link previews
	Drain        time.Duration // how long in-flight requests may take on shutdown
	// PageCacheBytes bounds the rendered pages kept; 0: DefaultPageCacheBytes.
	PageCacheBytes int64
	// ReadHeaderTimeout overrides the server's, for tests; 0 keeps 5s.
	ReadHeaderTimeout time.Duration

	// Teams stores team check-ins; nil turns them off (the static export).
	Teams team.Store
	// TeamCreateLimit and TeamAddLimit are per-client limits on creating
	// teams and adding results, per minute: 0 for the defaults, negative
	// for none (load tests).
	TeamCreateLimit, TeamAddLimit int
	// TrustedProxies (-trusted-proxies) are the addresses or CIDR
	// prefixes of the reverse proxies or load balancers in front of the
	// server: from them, the client's address for the rate limits is
	// read from X-Forwarded-For (see clientKey). Empty: nobody's header
	// is believed.
	TrustedProxies string
}

// Server serves the quiz.
type Server struct {
	cfg      Config
	banks    *quiz.Banks
	langs    language.Matcher  // the bank's languages, for Accept-Language
	origins  []string          // allowed to embed the quiz
	headers  map[string]string // on every response (setSecurityHeaders)
	appJS    []byte            // go-app's app.js, adapted to iframes
	workerJS []byte            // go-app's service worker, able to open any page offline
	pages    *pageCache        // rendered pages by URL
	// styles is quiz.css, from which each page gets the rules it can
	// use inline (styles.go); pageCSP makes a page's policy from the
	// hash source of its style element.
	styles  *stylesheet
	pageCSP func(styleHash string) string
	// loaderIcon is the image of go-app's (hidden) loader: the icon the
	// page's header shows already, not one more download.
	loaderIcon string
	log        *log.Logger
	assets     *assets
	app        *app.Handler
	version    string

	createLimit, addLimit *limiter
	proxies               []netip.Prefix // trusted to say who the client is
}

// New checks the configuration and prepares everything a request needs.
func New(c Config) (*Server, error) {
	if c.Banks == nil || c.Files == nil {
		return nil, errors.New("server: Config needs Banks and Files")
	}
	if c.PageCacheBytes <= 0 {
		c.PageCacheBytes = DefaultPageCacheBytes
	}
	if c.Log == nil {
		c.Log = log.New(io.Discard, "", 0)
	}
	a, err := loadAssets(c.Files)
	if err != nil {
		return nil, err
	}
	wasm, ok := a.files["app.wasm"]
	if !ok {
		return nil, fmt.Errorf("web/app.wasm is missing: build it with `make build`")
	}
	// The service worker keeps it for offline use, and one missing file
	// fails its whole cache.
	if _, ok := a.files[strings.TrimPrefix(compileWorker, "/web/")]; !ok {
		return nil, fmt.Errorf("web/%s is missing", strings.TrimPrefix(compileWorker, "/web/"))
	}
	origins, err := parseOrigins(c.EmbedOrigins)
	if err != nil {
		return nil, err
	}
	// go-app writes the domain into og:url unescaped (see attrSafe).
	if c.Domain != "" && !originSyntax.MatchString("https://"+strings.ToLower(c.Domain)) {
		return nil, fmt.Errorf("-domain: %q is not a host name like quiz.example.com", c.Domain)
	}
	s := &Server{cfg: c, banks: c.Banks, log: c.Log, assets: a, version: a.version, origins: origins,
		langs: newMatcher(c.Banks.Latest()), headers: securityHeaders(origins, c.TLSCert != ""), pages: newPageCache(c.PageCacheBytes)}
	if s.proxies, err = parseProxies(c.TrustedProxies); err != nil {
		return nil, err
	}
	s.createLimit = newLimiter(orDefault(c.TeamCreateLimit, defaultCreateLimit))
	s.addLimit = newLimiter(orDefault(c.TeamAddLimit, defaultAddLimit))
	t := screens.T(quiz.DefaultLang)
	v := "?v=" + s.version
	s.app = &app.Handler{
		Name:            t.S("app.name"),
		ShortName:       "CX check",
		Title:           t.S("app.name"),
		Description:     t.S("meta.description"),
		Lang:            quiz.DefaultLang,
		Domain:          c.Domain,
		Image:           "/web/icon-512.png",
		BackgroundColor: "#f6f4ef",
		ThemeColor:      "#0b6e69",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		// go-app's loader is hidden (quiz.css): the prerendered page
		// stays visible and usable while the wasm loads.
		LoadingLabel:      "{progress}%",
		Styles:            []string{"/web/quiz.css" + v},
		Scripts:           []string{"/web/quiz.js" + v + " defer"},
		Resources:         versioned(s.version),
		Version:           s.version,
		WasmContentLength: strconv.Itoa(len(wasm.raw)),
		CacheableResources: []string{
			"/web/quiz.css" + v, "/web/quiz.js" + v, "/web/icon.svg", compileWorker,
		},
		// quiz.js reads the embedding allow-list from here: it talks only
		// to a parent page on the list.
		RawHeaders: []string{`<meta name="cxquiz-embed-origins" content="` + html.EscapeString(strings.Join(origins, " ")) + `">`},
	}
	if c.Teams != nil {
		// The wasm offers team check-ins only where a server stores them.
		s.app.RawHeaders = append(s.app.RawHeaders, `<meta name="cxquiz-teams" content="1">`)
	}
	if s.appJS, err = s.adaptAppJS(); err != nil {
		return nil, err
	}
	// go-app's scripts, compressed once: "/" names cannot be asked for
	// under /web/.
	a.add("/app.js", "text/javascript; charset=utf-8", s.appJS)
	a.add("/wasm_exec.js", "text/javascript; charset=utf-8", s.goappFile("/wasm_exec.js"))
	if s.workerJS, err = s.adaptWorkerJS(); err != nil {
		return nil, err
	}
	a.add("/app-worker.js", "text/javascript; charset=utf-8", s.workerJS)
	var quizCSS []byte
	if f, ok := a.files["quiz.css"]; ok {
		quizCSS = f.raw
	}
	// go-app's own app.css styles its full-screen loader, which quiz.css
	// hides: pages carry the rules of quiz.css they can use, no more.
	s.styles = parseStylesheet(minifyCSS(string(quizCSS)))
	s.loaderIcon = "/web/icon.svg" + v
	// Each page's policy allows its own style element by its hash; other
	// responses allow none, and inline style attributes stay forbidden.
	tls := c.TLSCert != ""
	s.pageCSP = func(hash string) string {
		return securityHeaders(origins, tls, hash)["Content-Security-Policy"]
	}
	return s, nil
}

// versioned resolves /web/ paths to URLs that change with every build, so
// they can be cached for good.
type versioned string

func (v versioned) Resolve(p string) string {
	if strings.HasPrefix(p, "/web/") && !strings.Contains(p, "?") {
		return p + "?v=" + string(v)
	}
	return p
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.setSecurityHeaders(w.Header(), r.URL)
	rec := &recorder{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic serving %s: %v", r.URL.Path, p)
			if !rec.wrote {
				http.Error(rec, "500 internal error", http.StatusInternalServerError)
			}
		}
		// The query holds answers: the log keeps only the path.
		s.log.Printf("%s %s %d %dB %s", r.Method, logPath(r.URL.Path), rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
	}()
	s.serve(rec, r)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if isTeamAction(r.URL.Path) && (r.URL.Path != "/team/new" || r.Method == http.MethodPost) {
		s.serveTeamAction(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: this site only answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if len(r.RequestURI) > maxURLBytes {
		// No link the quiz made is this long: the page that explains a
		// damaged link, with the status that says why.
		s.serveDamaged(w, r, http.StatusRequestURITooLong)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/healthz":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintln(w, "ok")
	case strings.HasPrefix(p, "/web/"):
		name := strings.TrimPrefix(p, "/web/")
		if strings.Contains(name, "/") || strings.HasSuffix(name, ".go") {
			http.Error(w, "404 not found: no such file", http.StatusNotFound)
			return
		}
		s.assets.serve(w, r, name)
	case p == "/robots.txt":
		s.assets.serve(w, r, "robots.txt")
	case p == "/app.js", p == "/goapp.js":
		s.assets.serve(w, r, "/app.js")
	case p == "/wasm_exec.js":
		s.assets.serve(w, r, "/wasm_exec.js")
	case p == "/embed.js":
		s.assets.serve(w, r, "embed.js")
	case p == "/app-worker.js":
		s.assets.serve(w, r, "/app-worker.js")
	case p == "/app.css", p == "/manifest.webmanifest", p == "/manifest.json":
		s.app.ServeHTTP(w, r)
	case p == "/app.wasm", p == "/goapp.wasm":
		s.assets.serve(w, r, "app.wasm")
	default:
		s.routePage(w, r)
	}
}

// routePage answers a page URL: redirects a submitted answer, picks the
// language and the status code, and lets go-app prerender the page.
func (s *Server) routePage(w http.ResponseWriter, r *http.Request) {
	// Only pages read the query; the health check and the files do not,
	// and answer whatever follows the "?".
	if q, err := url.ParseQuery(r.URL.RawQuery); err != nil || len(q) > maxQueryParams {
		// The query itself cannot be read: explain a damaged link.
		s.serveDamaged(w, r, http.StatusBadRequest)
		return
	}
	rt := route.Parse(s.banks, r.URL)
	if p := r.URL.Path; rt.Screen != route.NotFound && len(p) > 1 && strings.HasSuffix(p, "/") {
		// The static export's directory form of a page (route.Parse): one
		// address per page here, the answers kept.
		u := url.URL{Path: strings.TrimSuffix(p, "/"), RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return
	}
	if holdsAnswers(r.URL.Path) {
		// Answers in the URL: no copy on the disk of a shared computer.
		w.Header().Set("Cache-Control", "no-store")
	}
	if rt.Next != "" {
		http.Redirect(w, r, rt.Next, http.StatusSeeOther)
		return
	}
	if rt.IsTeam() && rt.Screen != route.TeamError && rt.Screen != route.TeamWithdrawn {
		// What the team's pages show comes from the database; so does
		// their status.
		v := s.TeamView(r.Context(), rt.TeamID, rt.TeamKey)
		if rt.Screen == route.TeamAdmin && v.State == team.StateOK && !v.Admin {
			// No key, or one that is not a token at all (route.Parse
			// drops it): as forbidden as a wrong one.
			v = team.View{State: team.StateForbidden, ID: rt.TeamID}
		}
		r = r.WithContext(context.WithValue(r.Context(), viewKey{}, v))
	}
	if rt.Prefs.Lang == "" {
		// The page and its links in the language chosen; the wasm learns
		// it from the page (screens/lang.go).
		w.Header().Add("Vary", "Accept-Language")
		rt = rt.WithLang(s.negotiateLang(r.Header.Get("Accept-Language")))
	}
	s.servePage(w, r, rt)
}

// serveDamaged answers a request whose address cannot be read with the
// page that explains a damaged link, in the language the browser asks
// for (nothing in the address can be trusted to say it), and the status.
func (s *Server) serveDamaged(w http.ResponseWriter, r *http.Request, status int) {
	rt := route.Parse(s.banks, &url.URL{Path: "/result", RawQuery: "a=%21"}).WithStatus(status)
	w.Header().Add("Vary", "Accept-Language")
	s.servePage(w, r, rt.WithLang(s.negotiateLang(r.Header.Get("Accept-Language"))))
}

// holdsAnswers reports whether pages under path carry answers in their
// URL.
func holdsAnswers(path string) bool {
	return strings.HasPrefix(path, "/q/") || path == "/result" || path == "/compare"
}

// servePage prerenders the page of rt, or serves it from the cache. The
// page is rendered for rt's canonical URL, which holds all that changes
// it (a language chosen from Accept-Language included, so the page and
// all its links are in it) and nothing else, and is cached by it.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, rt route.Route) {
	status := rt.Status()
	u := rt.Canonical()
	// What the screens learn from the server, never from the request (the
	// canonical URL holds only what route.Parse read): whether it stores
	// team check-ins, and a team's stored data.
	q := u.Query()
	if s.cfg.Teams != nil {
		q.Set(screens.TeamsParam, "1")
	}
	if s.cfg.Domain != "" {
		q.Set(screens.OriginParam, "https://"+strings.ToLower(s.cfg.Domain))
	}
	v, isTeam := r.Context().Value(viewKey{}).(team.View)
	if isTeam {
		status = teamStatus(v.State)
		q.Set(screens.ViewParam, screens.EncodeView(v))
	}
	u.RawQuery = attrSafe(q).Encode()
	if rt.IsTeam() {
		// A team's page shows what the database holds now: never cached.
		s.renderFresh(w, r, u, status, rt.ServerOnly())
		return
	}
	key := strconv.Itoa(status) + " " + u.RequestURI()
	if page, ok := s.pages.get(key); ok {
		s.writePage(w, r, page)
		return
	}
	// Question pages differ only in the result code and the option shown
	// as chosen (screens.StandIn): one page is rendered per question,
	// chosen option and display options, with a stand-in code swapped for
	// the real one.
	render, standIn, code := u, "", ""
	if si, c, ok := screens.StandIn(rt); ok && si != c {
		standIn, code = si, c
		q := u.Query()
		q.Set("a", standIn)
		render = &url.URL{Path: u.Path, RawQuery: q.Encode()}
	}
	tkey := strconv.Itoa(status) + " " + render.RequestURI()
	page, ok := s.pages.get(tkey)
	if !ok {
		header, body, rendered := s.prerender(w, r, render, rt.ServerOnly())
		if !rendered {
			return
		}
		page = s.newPage(tkey, status, header, body)
		s.pages.put(page)
	}
	if standIn != "" {
		// The page with its real code, once made, is kept as well: only
		// what follows the code's first place, since what comes before
		// (most of the page) is the same in every page made from the
		// rendering, kept and compressed once (compress.go).
		whole := page.whole()
		n := max(0, bytes.Index(whole, []byte(standIn)))
		head := page.sharedHead(n)
		page = s.newPage(key, status, page.header, bytes.ReplaceAll(whole[n:], []byte(standIn), []byte(code)))
		page.head = head
		s.pages.put(page)
	}
	s.writePage(w, r, page)
}

// prerender has go-app render u as the page for r. It returns the page's
// header and trimmed body, or passes go-app's answer on as it is and
// returns false where go-app could not render a page. A bare page (one
// only the server renders: route.Route.ServerOnly) does not start the
// wasm.
func (s *Server) prerender(w http.ResponseWriter, r *http.Request, u *url.URL, bare bool) (http.Header, []byte, bool) {
	r2 := r.Clone(r.Context())
	r2.URL = u
	r2.Method = http.MethodGet
	r2.Header.Del("If-None-Match")
	rec := &pageRecorder{header: http.Header{}}
	s.app.ServeHTTP(rec, r2)
	if rec.status != http.StatusOK {
		copyHeader(w.Header(), rec.header)
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
		return nil, nil, false
	}
	rec.header.Set("Content-Type", "text/html; charset=utf-8")
	rec.header.Del("Content-Length")
	// go-app's ETag is the build's, the same for every page: each
	// representation gets its own in newPage, or none.
	rec.header.Del("ETag")
	page, style := s.trimPage(ariaTrue(rec.body.Bytes()), bare)
	rec.header.Set("Content-Security-Policy", style.csp)
	return rec.header, page, true
}

// newPage makes a rendered page ready to serve, with a validator of its
// own where it is a 200 (error pages are cheap and must never be
// revalidated into a 304).
func (s *Server) newPage(key string, status int, header http.Header, body []byte) *renderedPage {
	p := &renderedPage{key: key, status: status, header: header, body: body}
	if status == http.StatusOK {
		// The page is a function of its key and the build.
		sum := sha256.Sum256([]byte(s.version + " " + key))
		p.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	}
	return p
}

// writePage writes a rendered page, brotli-compressed or gzipped where the
// client takes it.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, page *renderedPage) {
	copyHeader(w.Header(), page.header)
	if holdsAnswers(r.URL.Path) {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Header().Add("Vary", "Accept-Encoding")
	body, etag := page.plain(), page.etag
	switch enc := acceptedEncodings(r.Header.Get("Accept-Encoding")); {
	case enc["br"]:
		body = page.brotli()
		w.Header().Set("Content-Encoding", "br")
		if etag != "" {
			etag = strings.TrimSuffix(etag, `"`) + `-br"`
		}
	case enc["gzip"]:
		body = page.gzipped()
		w.Header().Set("Content-Encoding", "gzip")
		if etag != "" {
			etag = strings.TrimSuffix(etag, `"`) + `-gz"`
		}
	}
	if etag != "" {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	size := 0
	for _, b := range body {
		size += len(b)
	}
	w.Header().Set("Content-Length", strconv.Itoa(size))
	w.WriteHeader(page.status)
	if r.Method != http.MethodHead {
		for _, b := range body {
			w.Write(b)
		}
	}
}

// absoluteMeta are go-app's link-preview tags, which need an absolute URL.
var absoluteMeta = regexp.MustCompile(`<meta [^>]*property="og:(?:url|image)"[^>]*>\s*`)

// linkPreviews leaves out og:url and og:image where no -domain is set:
// go-app would write https:// and https:///web/icon-512.png, which no
// preview can use. The request's Host is not used instead: it is the
// client's to choose, and the page is cached for every client.
func (s *Server) linkPreviews(page []byte) []byte {
	if s.cfg.Domain != "" {
		return page
	}
	return absoluteMeta.ReplaceAll(page, nil)
}

// styleLinks are the stylesheets go-app links from every page.
var styleLinks = regexp.MustCompile(`<link [^>]*href="(/app\.css|/web/quiz\.css\?v=[0-9a-f]*)"[^>]*>\s*`)

// loaderImg is the image of go-app's loader: its 192 px PNG, spinning
// (its attributes come in any order). trimPage makes it the site's icon,
// still and loaded lazily: the loader is hidden but on a page opened
// offline, and an eager image is fetched though hidden, a request the
// page makes while it renders for the first time.
var (
	loaderImg = regexp.MustCompile(`<img [^>]*id="app-wasm-loader-icon"[^>]*>`)
	imgSrc    = regexp.MustCompile(`src="[^"]*"`)
)

// goappScripts are go-app's scripts in a page's head: app.js, which
// registers the service worker (that caches app.wasm) and loads the wasm,
// and Go's wasm_exec.js.
var goappScripts = regexp.MustCompile(`<script [^>]*src="/(?:app|wasm_exec)\.js"[^>]*></script>\s*`)

// trimPage leaves out of a prerendered page what go-app puts in every page
// and the quiz does not need: its stylesheet (styles of the loader that
// quiz.css hides), the empty author meta, link previews without a domain
// (linkPreviews), and a second icon to download (and spin) for that
// loader. Then it inlines the styles the page can use, and returns them
// with the page (its policy allows them by their hash). go-app puts all
// of these in the head and in the loader, the page's last element, and
// only those parts are searched: on a result page the rest is some 20 KB,
// which the regular expressions took about 0.3 ms to scan, a fifth of a
// render.
//
// A bare page loses go-app's scripts and its loader too: it is a plain
// page with forms, which does not start the wasm or register go-app's
// service worker (either would fetch app.wasm), and shows no loader.
func (s *Server) trimPage(page []byte, bare bool) ([]byte, *pageStyle) {
	style := s.styles.forPage(s.styles.pageTokens(page), s.pageCSP)
	end := bytes.Index(page, []byte("</head>"))
	if end < 0 {
		end = len(page)
	}
	head := bytes.Replace(page[:end], []byte("<meta name=\"author\">\n"), nil, 1)
	head = inlineStyles(s.linkPreviews(head), style.element)
	if bare {
		head = goappScripts.ReplaceAll(head, nil)
	}
	// The loader is the last <aside>, its attributes in any order.
	loader := end + max(0, bytes.LastIndex(page[end:], []byte("<aside ")))
	out := make([]byte, 0, len(head)+len(page)-end)
	out = append(append(out, head...), page[end:loader]...)
	if bare && loader > end {
		rest := page[loader:]
		if i := bytes.Index(rest, []byte("</aside>")); i >= 0 {
			return append(out, bytes.TrimLeft(rest[i+len("</aside>"):], " \n")...), style
		}
	}
	return append(out, loaderImg.ReplaceAllFunc(page[loader:], func(img []byte) []byte {
		img = bytes.Replace(img, []byte("goapp-logo goapp-spin"), []byte("goapp-logo"), 1)
		return imgSrc.ReplaceAllLiteral(img, []byte(`loading="lazy" src="`+s.loaderIcon+`"`))
	})...), style
}

// ariaTrue gives every ARIA attribute go-app wrote without a value the
// value "true" it was set to. go-app's prerender writes an attribute whose
// value is "true" as a bare name, right for HTML's boolean attributes but
// not for ARIA's: a bare aria-invalid or aria-hidden is empty, which means
// false (the wasm sets "true" itself). A bare aria-* attribute in a tag
// can come from nothing else: go-app drops empty values.
func ariaTrue(page []byte) []byte {
	const name = " aria-"
	var out []byte
	done := 0
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte(name))
		if j < 0 {
			break
		}
		start := i + j
		end := start + len(name)
		for end < len(page) && (page[end] >= 'a' && page[end] <= 'z') {
			end++
		}
		i = end
		if end == start+len(name) || end == len(page) || (page[end] != ' ' && page[end] != '>') ||
			bytes.LastIndexByte(page[:start], '<') < bytes.LastIndexByte(page[:start], '>') {
			// Not an attribute without a value, or not in a tag.
			continue
		}
		out = append(append(out, page[done:end]...), `="true"`...)
		done = end
	}
	if out == nil {
		return page
	}
	return append(out, page[done:]...)
}

// inlineStyles puts the page's styles (the style element) into the page
// itself: on a slow network each stylesheet a page waits for costs a round
// trip before the first paint, more than its bytes cost inside the
// compressed page.
func inlineStyles(page, style []byte) []byte {
	done := false
	return styleLinks.ReplaceAllFunc(page, func([]byte) []byte {
		if done {
			return nil
		}
		done = true
		return style
	})
}

// minifyCSS drops comments and folds white space.
func minifyCSS(css string) string {
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	css = regexp.MustCompile(`\s+`).ReplaceAllString(css, " ")
	return strings.TrimSpace(css)
}

// attrSafe replaces, in every value, the characters no valid value has
// and markup needs. go-app's prerender writes attributes with
// strconv.Quote, not HTML escaping, so a " in a value rendered into one
// (a pasted code in the compare form) would end the attribute.
func attrSafe(q url.Values) url.Values {
	for _, vs := range q {
		for i, v := range vs {
			vs[i] = strings.Map(func(r rune) rune {
				if strings.ContainsRune(`"'<>&\`, r) || !strconv.IsPrint(r) {
					return utf8.RuneError
				}
				return r
			}, v)
		}
	}
	return q
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// recorder notes the status and size of a response for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.wrote, r.status = true, code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// logPath keeps log lines short and free of control characters.
func logPath(p string) string {
	if len(p) > 100 {
		p = p[:100] + "…"
	}
	return strconv.Quote(p)
}

// adaptAppJS takes go-app's app.js and adapts it to a page that is
// usable before the wasm arrives:
//   - inside a third-party iframe, where browsers may refuse service
//     workers, it does not register one, and a refusal elsewhere is a
//     warning, not a console error;
//   - app.wasm is compiled in a dedicated worker (web/compile-worker.js,
//     see compileInWorker), off the page's main thread, and streams
//     straight into the compiler: go-app's progress count passes every
//     chunk through JavaScript and repaints the loading note for it,
//     main-thread work while the person reads or answers, for a note
//     quiz.css hides (nothing waits for the wasm);
//   - the Go program starts when the page is idle, in a task of its own
//     after the compilation's, not in the middle of an interaction;
//   - the wasm removes the loader itself once it has mounted its first
//     screen (screens.restorePrerendered), since its start-up yields to
//     the browser between phases and go.run returns before then.
func (s *Server) adaptAppJS() ([]byte, error) {
	js := string(s.goappFile("/app.js"))
	wasm, worker := s.app.Resources.Resolve("/web/app.wasm"), s.app.Resources.Resolve(compileWorker)
	for _, p := range [][2]string{
		{"\ngoappInitServiceWorker();", "\nif (window.self === window.top) goappInitServiceWorker();"},
		{`console.error("goapp service worker registration failed: ", err);`, `console.warn("goapp service worker registration failed: ", err);`},
		{`await instantiateStreaming(
      fetchWithProgress("` + wasm + `", showProgress),
      go.importObject
    );`, `await cxquizInstantiate("` + wasm + `", "` + worker + `", go.importObject, instantiateStreaming);`},
		{`    go.run(wasm.instance);
    loader.remove();`, `    await new Promise((resolve) => window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 500 }) : setTimeout(resolve, 20));
    go.run(wasm.instance);`},
	} {
		if !strings.Contains(js, p[0]) {
			return nil, fmt.Errorf("go-app's app.js changed: cannot find %q to adapt", p[0])
		}
		js = strings.Replace(js, p[0], p[1], 1)
	}
	return []byte(js + compileInWorker), nil
}

// compileWorker is the script that compiles app.wasm off the page's main
// thread; the service worker keeps it for offline use, the static export
// has it with the other files of web/.
const compileWorker = "/web/compile-worker.js"

// compileInWorker is added to go-app's app.js. V8 decodes a streamed
// module on the thread that compiles it, and Chromium hands it the bytes
// that have arrived in one task: when app.wasm came in one burst (from
// the HTTP cache, as on the next page answered before the wasm took
// over, from the service worker on a repeat visit, or over a fast
// network), that was 0.7 s and 0.55 s of main-thread tasks on a phone
// (Chromium 156, CPU×4), and bytes that trickle in cost seconds of
// shorter ones. Compiled in a dedicated worker, the page's main thread
// only instantiates the module. The worker also runs the program's start
// before it sends the module (web/compile-worker.js), so that V8 compiles
// that code there. Where a worker cannot be made, fails, or cannot send
// the module over, the page compiles app.wasm itself as go-app does. The
// marks tell the bench (and a trace) when the worker's download started
// and ended (and whether the service worker answered it), whether the
// start ran there and when the module arrived.
const compileInWorker = `
// -----------------------------------------------------------------------------
// cxquiz: app.wasm compiled off the main thread
// -----------------------------------------------------------------------------
function cxquizCompileInWorker(wasmURL, workerURL) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerURL);
    const fail = (err) => {
      worker.terminate();
      reject(err);
    };
    worker.onmessage = (event) => {
      const d = event.data || {};
      if (!(d.module instanceof WebAssembly.Module)) {
        fail(new Error(d.error || "the worker sent no module"));
        return;
      }
      const toPage = (t) => Math.max(0, d.origin + t - performance.timeOrigin);
      if (d.fetchStart > 0 && d.responseEnd > 0 && performance.mark) {
        performance.mark("cxquiz:wasm-requested", { startTime: toPage(d.fetchStart) });
        performance.mark("cxquiz:wasm-received", { startTime: toPage(d.responseEnd), detail: { serviceWorker: !!d.serviceWorker } });
      }
      if (d.warmed && performance.mark) {
        performance.mark("cxquiz:warmed-in-worker");
      }
      if (d.rehearsed && performance.mark) {
        performance.mark("cxquiz:rehearsed-in-worker");
      }
      if (d.mounted && performance.mark) {
        performance.mark("cxquiz:mounted-in-worker");
      }
      resolve(d.module);
    };
    worker.onmessageerror = () => fail(new Error("the module could not be sent to the page"));
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message || "the worker failed to start"));
    };
    worker.postMessage({ wasm: wasmURL, exec: "/wasm_exec.js", page: location.href, lang: document.documentElement.lang || "", env: goappEnv });
  });
}

async function cxquizInstantiate(wasmURL, workerURL, importObject, instantiateStreaming) {
  if (window.Worker && WebAssembly.Module) {
    let module = null;
    try {
      module = await cxquizCompileInWorker(wasmURL, workerURL);
    } catch (err) {
      console.warn("cxquiz: compiling app.wasm in a worker failed, compiling it here:", err);
    }
    if (module) {
      performance.mark && performance.mark("cxquiz:compiled-in-worker");
      return { module: module, instance: await WebAssembly.instantiate(module, importObject) };
    }
  }
  return await instantiateStreaming(fetch(wasmURL), importObject);
}
`

// offlineShell is what go-app's service worker does when the network
// fails: it answers the page from its cache, and only the intro ("/") is
// there (pages with answers are never stored). Any other page's address is
// enough for the wasm, which draws every screen from it, so a failed GET
// navigation gets the cached intro, marked data-offline: quiz.css then
// covers the intro with go-app's loader until the wasm has drawn the
// address's screen and removed the loader. Without it, a reload or a link
// opened offline showed the browser's error page.
const offlineShell = `  try {
    return await fetch(request);
  } catch (err) {
    if (request.mode !== "navigate" || request.method !== "GET") {
      throw err;
    }
    const shell = await caches.match("/", { ignoreVary: true });
    if (!shell) {
      throw err;
    }
    const headers = new Headers(shell.headers);
    for (const h of ["Content-Encoding", "Content-Length", "ETag"]) {
      headers.delete(h);
    }
    const page = (await shell.text()).replace("<html ", "<html data-offline ");
    return new Response(page, { status: 200, headers: headers });
  }
}`

// adaptWorkerJS takes go-app's service worker and lets it open any page
// offline (see offlineShell).
func (s *Server) adaptWorkerJS() ([]byte, error) {
	js := string(s.goappFile("/app-worker.js"))
	old := "  return await fetch(request);\n}"
	if strings.Count(js, old) != 1 {
		return nil, fmt.Errorf("go-app's app-worker.js changed: cannot find %q once to adapt", old)
	}
	return []byte(strings.Replace(js, old, offlineShell, 1)), nil
}

// goappFile returns one of the files go-app's handler makes (its scripts
// and styles), as it would serve it.
func (s *Server) goappFile(path string) []byte {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Body.Bytes()
}
