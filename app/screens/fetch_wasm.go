//go:build wasm

package screens

import (
	"encoding/json"
	"errors"
	"syscall/js"

	"cxquiz/app/team"
)

// fetchView asks the server for a team's view with the browser's fetch,
// and aborts the request when ended is closed.
// Not net/http: its client links the whole transport (TLS, x509, HTTP/2)
// that net/http keeps for when fetch is missing, about 2.8 MB of app.wasm,
// though in a browser every request goes through fetch anyway.
func fetchView(ended <-chan struct{}, url string) (team.View, error) {
	abort := js.Global().Get("AbortController").New()
	opts := js.Global().Get("Object").New()
	opts.Set("signal", abort.Get("signal"))
	settled := make(chan struct{})
	defer close(settled)
	go func() {
		select {
		case <-ended:
			abort.Call("abort")
		case <-settled:
		}
	}()
	res, err := await(js.Global().Call("fetch", url, opts))
	if err != nil {
		return team.View{}, err
	}
	body, err := await(res.Call("text"))
	if err != nil {
		return team.View{}, err
	}
	var v team.View
	err = json.Unmarshal([]byte(body.String()), &v)
	return v, err
}

// await waits for promise p to settle. It does not give up when the
// polling ends: the callbacks must outlive the promise (calling a released
// js.Func breaks the program), and fetchView's abort settles it promptly.
func await(p js.Value) (js.Value, error) {
	done := make(chan js.Value, 1)
	failed := make(chan error, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- args[0]
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		failed <- errors.New("fetch: " + js.Global().Get("String").Invoke(args[0]).String())
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	select {
	case v := <-done:
		return v, nil
	case err := <-failed:
		return js.Undefined(), err
	}
}
