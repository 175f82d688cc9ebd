package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// goAppModule is the go-app the quiz uses: the minimal client is built
// against the same version.
const goAppModule = "github.com/maxence-charriere/go-app/v10"

// minimalClient is the smallest useful go-app v10 client: one component
// on one route.
const minimalClient = `package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.H1().Text("Hello") }

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
}
`

type wasmResults struct {
	goAppVersion        string
	ours, minimal       *wasmFile
	servedBr            int64 // the server's app.wasm in br (0: it sends none)
	namesMatch          bool  // the named twin has the same code as web/app.wasm
	embedded            []embeddedFile
	topFuncs            []symSize
	topPkgs             []pkgDelta
	oursPkgs, minPkgs   map[string]int64
	oursFuncs, minFuncs int
}

type wasmFile struct {
	raw, br  int64
	sections wasmSections
}

type embeddedFile struct {
	path string
	size int64
}

type symSize struct {
	name string
	size int64
}

type pkgDelta struct {
	pkg           string
	ours, minimal int64
}

// servedWasm is app.wasm as the server under test sends it, raw and
// brotli: the files under web/ may have been rebuilt since.
type servedWasm struct {
	raw []byte
	br  int64
}

// fetchWasm gets app.wasm from the server.
func fetchWasm(ctx context.Context, base string) (*servedWasm, error) {
	raw, _, err := fetch(ctx, base+"/web/app.wasm", "identity")
	if err != nil {
		return nil, err
	}
	br, enc, err := fetch(ctx, base+"/web/app.wasm", "br")
	if err != nil {
		return nil, err
	}
	w := &servedWasm{raw: raw}
	if enc == "br" {
		w.br = int64(len(br))
	}
	return w, nil
}

func measureWasm(ctx context.Context, root string, served *servedWasm) (*wasmResults, error) {
	res := &wasmResults{servedBr: served.br}
	tmp, err := os.MkdirTemp("", "cxquiz-bench-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	oursRaw := served.raw
	if res.goAppVersion, err = goAppVersion(root); err != nil {
		return nil, err
	}

	// The minimal client, in its own module, built like web/app.wasm.
	progress("  building the minimal go-app %s client", res.goAppVersion)
	hello := filepath.Join(tmp, "hello")
	if err := os.MkdirAll(hello, 0o755); err != nil {
		return nil, err
	}
	gosum, _ := os.ReadFile(filepath.Join(root, "go.sum"))
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.26\n\nrequire " + goAppModule + " " + res.goAppVersion + "\n",
		"go.sum":  string(gosum),
		"main.go": minimalClient,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(hello, name), []byte(body), 0o644); err != nil {
			return nil, err
		}
	}
	minRaw, err := goBuildWasm(ctx, hello, ".", filepath.Join(tmp, "hello.wasm"), true, true)
	if err != nil {
		return nil, fmt.Errorf("building the minimal client: %w", err)
	}
	// Twins with the symbol names kept (no -s -w): the same code, named.
	progress("  building named twins of both for symbol sizes")
	minNamed, err := goBuildWasm(ctx, hello, ".", filepath.Join(tmp, "hello-named.wasm"), false, true)
	if err != nil {
		return nil, fmt.Errorf("building the minimal client with names: %w", err)
	}
	oursNamed, err := goBuildWasm(ctx, root, "./app", filepath.Join(tmp, "app-named.wasm"), false, false)
	if err != nil {
		return nil, fmt.Errorf("building app.wasm with names: %w", err)
	}

	progress("  brotli (quality 11, as tools/compress) of %s and %s, in parallel", kb(int64(len(oursRaw))), kb(int64(len(minRaw))))
	var errOurs, errMin error
	var wg sync.WaitGroup
	wg.Go(func() { res.ours, errOurs = describeWasm(oursRaw) })
	wg.Go(func() { res.minimal, errMin = describeWasm(minRaw) })
	wg.Wait()
	if errOurs != nil {
		return nil, fmt.Errorf("web/app.wasm: %w", errOurs)
	}
	if errMin != nil {
		return nil, fmt.Errorf("minimal client: %w", errMin)
	}

	on, err := parseWasm(oursNamed)
	if err != nil {
		return nil, err
	}
	mn, err := parseWasm(minNamed)
	if err != nil {
		return nil, err
	}
	res.namesMatch = on.code == res.ours.sections.code
	res.oursFuncs, res.minFuncs = len(on.funcs), len(mn.funcs)
	funcs := append([]symSize(nil), on.funcs...)
	sort.Slice(funcs, func(i, j int) bool { return funcs[i].size > funcs[j].size })
	res.topFuncs = funcs[:min(15, len(funcs))]
	var pkgs pkgNames
	if err := listPackages(ctx, root, "./app", false, &pkgs); err != nil {
		return nil, err
	}
	if err := listPackages(ctx, hello, ".", true, &pkgs); err != nil {
		return nil, err
	}
	for i, f := range res.topFuncs {
		res.topFuncs[i].name = pkgs.pretty(f.name)
	}
	res.oursPkgs, res.minPkgs = byPackage(on.funcs, &pkgs), byPackage(mn.funcs, &pkgs)
	for p, n := range res.oursPkgs {
		res.topPkgs = append(res.topPkgs, pkgDelta{pkg: p, ours: n, minimal: res.minPkgs[p]})
	}
	sort.Slice(res.topPkgs, func(i, j int) bool {
		di := res.topPkgs[i].ours - res.topPkgs[i].minimal
		dj := res.topPkgs[j].ours - res.topPkgs[j].minimal
		if di != dj {
			return di > dj
		}
		return res.topPkgs[i].pkg < res.topPkgs[j].pkg
	})
	res.topPkgs = res.topPkgs[:min(15, len(res.topPkgs))]
	res.embedded = embeddedFiles(root, oursRaw)
	return res, nil
}

// goAppVersion reads the go-app version the quiz requires.
func goAppVersion(root string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}}", goAppModule)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", goAppModule, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// goBuildWasm builds pkg in dir for js/wasm as the Makefile does
// (-trimpath -ldflags='-s -w'), or with symbol names kept.
func goBuildWasm(ctx context.Context, dir, pkg, out string, stripped, ownModule bool) ([]byte, error) {
	args := []string{"build", "-trimpath"}
	if stripped {
		args = append(args, "-ldflags=-s -w")
	}
	args = append(args, "-o", out, pkg)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = wasmEnv(ownModule)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return os.ReadFile(out)
}

// wasmEnv is the environment of go commands for js/wasm. The minimal
// client's own module (in a temporary directory, never the quiz's) gets
// -mod=mod, so go can fill in its go.sum from the module
// cache, where go-app already is: no network needed.
func wasmEnv(ownModule bool) []string {
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if ownModule {
		env = append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	}
	return env
}

func describeWasm(raw []byte) (*wasmFile, error) {
	s, err := parseWasm(raw)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &wasmFile{raw: int64(len(raw)), br: int64(buf.Len()), sections: s}, nil
}

// byPackage adds up function sizes per Go package.
func byPackage(funcs []symSize, pkgs *pkgNames) map[string]int64 {
	m := map[string]int64{}
	for _, f := range funcs {
		m[pkgs.of(f.name)] += f.size
	}
	return m
}

// pkgNames maps the package part of wasm function names back to import
// paths. The wasm name section keeps only [A-Za-z0-9_.] of a symbol
// (encoding/json.(*decodeState).object becomes
// encoding_json.__decodeState_.object), so the bench asks go list for the
// packages linked and matches their mangled paths, longest first.
type pkgNames struct {
	mangled []string          // longest first
	real    map[string]string // mangled → import path
}

func mangle(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, s)
}

// listPackages returns the packages pkg links for js/wasm.
func listPackages(ctx context.Context, dir, pkg string, ownModule bool, into *pkgNames) error {
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", "-f", "{{.ImportPath}} {{.Name}}", pkg)
	cmd.Dir = dir
	cmd.Env = wasmEnv(ownModule)
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list -deps %s: %w", pkg, err)
	}
	if into.real == nil {
		into.real = map[string]string{"type_": "type: (generated)", "go_buildid": "go:buildid"}
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, name, _ := strings.Cut(line, " ")
		if name == "main" {
			if pkg == "./app" {
				into.real["main"] = path + " (main)"
			}
			continue
		}
		into.real[mangle(path)] = path
	}
	into.mangled = into.mangled[:0]
	for m := range into.real {
		into.mangled = append(into.mangled, m)
	}
	sort.Slice(into.mangled, func(i, j int) bool { return len(into.mangled[i]) > len(into.mangled[j]) })
	return nil
}

// of returns the import path of a mangled function name.
func (p *pkgNames) of(sym string) string {
	for _, m := range p.mangled {
		if strings.HasPrefix(sym, m) && (len(sym) == len(m) || sym[len(m)] == '.') {
			return p.real[m]
		}
	}
	if i := strings.IndexByte(sym, '.'); i > 0 {
		return sym[:i]
	}
	return sym
}

var methodRecv = regexp.MustCompile(`\.__([A-Za-z0-9_]+?)_\.`)

// pretty turns a mangled function name back into a readable one:
// encoding/json.(*decodeState).object.
func (p *pkgNames) pretty(sym string) string {
	pkg := p.of(sym)
	for _, m := range p.mangled {
		if p.real[m] == pkg && strings.HasPrefix(sym, m) {
			sym = strings.TrimSuffix(pkg, " (main)") + sym[len(m):]
			break
		}
	}
	return methodRecv.ReplaceAllString(sym, ".(*$1).")
}

// embeddedFiles finds the repository's JSON files whose bytes appear as
// they are in the wasm (go:embed keeps them verbatim).
func embeddedFiles(root string, wasm []byte) []embeddedFile {
	var out []embeddedFile
	for _, pattern := range []string{"*.json", "*/*.json", "*/*/*.json"} {
		paths, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, p := range paths {
			rel, _ := filepath.Rel(root, p)
			if strings.Contains(rel, "node_modules") || strings.HasPrefix(rel, "bench") || strings.Contains(rel, "testdata") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil || len(b) < 256 {
				continue
			}
			if bytes.Contains(wasm, b) {
				out = append(out, embeddedFile{path: rel, size: int64(len(b))})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].size > out[j].size })
	return out
}

// wasmSections sizes a WebAssembly module's parts; funcs holds the size
// of every function body with its name, when the module has a name
// section.
type wasmSections struct {
	code, data, custom, other int64
	funcs                     []symSize
}

// parseWasm reads the section layout of a WebAssembly binary (v1): the
// code section's function bodies and the "name" custom section.
func parseWasm(b []byte) (wasmSections, error) {
	var s wasmSections
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return s, errors.New("not a WebAssembly module")
	}
	r := &wasmReader{b: b, i: 8}
	var imported int
	var bodies []int64
	names := map[int]string{}
	for r.i < len(b) {
		id := r.byte()
		size := int(r.uleb())
		end := r.i + size
		if r.err != nil || end > len(b) {
			return s, errors.New("truncated section")
		}
		sec := &wasmReader{b: b[:end], i: r.i}
		switch id {
		case 0:
			s.custom += int64(size)
			name := sec.name()
			if name == "name" {
				for sec.i < end && sec.err == nil {
					sub := sec.byte()
					n := int(sec.uleb())
					subEnd := sec.i + n
					if sub == 1 { // function names
						for count := sec.uleb(); count > 0 && sec.err == nil; count-- {
							idx := int(sec.uleb())
							names[idx] = sec.name()
						}
					}
					sec.i = subEnd
				}
			}
		case 2: // imports: function indices start after the imported ones
			s.other += int64(size)
			for count := sec.uleb(); count > 0 && sec.err == nil; count-- {
				sec.name()
				sec.name()
				switch kind := sec.byte(); kind {
				case 0:
					sec.uleb()
					imported++
				case 1:
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3:
					sec.byte()
					sec.byte()
				default:
					return s, fmt.Errorf("unknown import kind %d", kind)
				}
			}
		case 10:
			s.code += int64(size)
			for count := sec.uleb(); count > 0 && sec.err == nil; count-- {
				n := int(sec.uleb())
				bodies = append(bodies, int64(n))
				sec.i += n
			}
		case 11:
			s.data += int64(size)
		default:
			s.other += int64(size)
		}
		if sec.err != nil {
			return s, fmt.Errorf("section %d: %w", id, sec.err)
		}
		r.i = end
	}
	if len(names) > 0 {
		for i, n := range bodies {
			name := names[imported+i]
			if name == "" {
				name = fmt.Sprintf("func[%d]", imported+i)
			}
			s.funcs = append(s.funcs, symSize{name: name, size: n})
		}
	}
	return s, nil
}

type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *wasmReader) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 || r.err != nil {
			break
		}
	}
	return v
}

func (r *wasmReader) name() string {
	n := int(r.uleb())
	if r.err != nil || r.i+n > len(r.b) {
		r.err = errors.New("bad name")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *wasmReader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
	}
	r.uleb()
}
