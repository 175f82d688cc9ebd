//go:build !wasm

package screens

import (
	"errors"

	"cxquiz/app/team"
)

// fetchView is the browser's (fetch_wasm.go): the server renders a team
// page from the view it was handed (ViewParam) and never asks itself.
func fetchView(<-chan struct{}, string) (team.View, error) {
	return team.View{}, errors.New("screens: fetchView runs in the browser only")
}
