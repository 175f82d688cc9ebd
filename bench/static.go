package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// staticServer serves the baseline: question 1 as a plain HTML page with
// the same texts and a radio group, no CSS, no JS.
type staticServer struct {
	url string
	srv *http.Server
}

var (
	headingRE = regexp.MustCompile(`(?s)<h1\b[^>]*\bid="screen-heading"[^>]*>(.*?)</h1>`)
	optionRE  = regexp.MustCompile(`(?s)<span class="text">(.*?)</span>`)
	titleRE   = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	langRE    = regexp.MustCompile(`<html lang="([^"]*)"`)
)

// staticPage builds the baseline from the quiz's own /q/1, so both show
// the same question. The texts stay HTML-escaped as the server sent them.
func staticPage(ctx context.Context, base string) ([]byte, error) {
	body, _, err := fetch(ctx, base+"/q/1", "identity")
	if err != nil {
		return nil, err
	}
	html := string(body)
	h := headingRE.FindStringSubmatch(html)
	opts := optionRE.FindAllStringSubmatch(html, -1)
	if h == nil || len(opts) == 0 {
		return nil, errors.New(`/q/1 has no <h1 id="screen-heading"> or <span class="text"> options to copy`)
	}
	title, lang := "Question 1", "en"
	if m := titleRE.FindStringSubmatch(html); m != nil {
		title = m[1]
	}
	if m := langRE.FindStringSubmatch(html); m != nil {
		lang = m[1]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=%q>\n<head>\n<meta charset=\"utf-8\">\n", lang)
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n</head>\n<body>\n<main>\n<form method=\"get\" action=\"/q/1\">\n<fieldset>\n", title)
	fmt.Fprintf(&b, "<legend><h1>%s</h1></legend>\n", strings.TrimSpace(h[1]))
	for i, o := range opts {
		id := "opt-" + strconv.Itoa(i+1)
		fmt.Fprintf(&b, "<p><label for=%q><input id=%q type=\"radio\" name=\"pick\" value=\"%d\" required> %s</label></p>\n",
			id, id, i+1, strings.TrimSpace(o[1]))
	}
	b.WriteString("</fieldset>\n<button type=\"submit\">Next</button>\n</form>\n</main>\n</body>\n</html>\n")
	return []byte(b.String()), nil
}

func startStatic(ctx context.Context, quizURL string) (*staticServer, error) {
	page, err := staticPage(ctx, quizURL)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/q/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		w.Write(page)
	})
	s := &staticServer{url: "http://" + ln.Addr().String() + "/q/1",
		srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *staticServer) Close() { s.srv.Close() }
