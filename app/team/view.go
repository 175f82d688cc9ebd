package team

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"

	"cxquiz/quiz"
)

// MinResults is how many results a team needs before its view shows
// anything about them: with fewer, one member's answers could be read off.
const MinResults = 3

// States of a View.
const (
	StateOK          = "ok"
	StateNotFound    = "notfound"
	StateDeleted     = "deleted"
	StateExpired     = "expired"
	StateForbidden   = "forbidden"   // wrong admin token
	StateUnavailable = "unavailable" // the database did not answer
)

// View is what a team's pages show, as the server sends it to the wasm
// client: never a single result, only the summary once MinResults are in.
type View struct {
	State   string    `json:"state"`
	ID      string    `json:"id,omitempty"`
	Name    string    `json:"name,omitempty"`
	Open    bool      `json:"open"`
	Expires time.Time `json:"expires,omitzero"`
	N       int       `json:"n"`
	Admin   bool      `json:"admin,omitempty"`
	// Summary is set once N ≥ MinResults.
	Summary *Summary `json:"summary,omitempty"`
}

// Summary is quiz.Summary by ids, ready to travel.
type Summary struct {
	Overall    Stat      `json:"overall"`
	Dimensions []DimStat `json:"dimensions"`
	// Disagree and Weakest are dimension ids: where the team disagrees
	// most, and its weakest dimensions, in order.
	Disagree []string `json:"disagree"`
	Weakest  []string `json:"weakest"`
}

// Stat is a quiz.Stat without pointers.
type Stat struct {
	Mean   int   `json:"mean"`
	Spread int   `json:"spread"`
	Min    int   `json:"min"`
	Max    int   `json:"max"`
	Levels []int `json:"levels"`
}

// DimStat is one dimension's Stat.
type DimStat struct {
	ID string `json:"id"`
	Stat
}

// Tag identifies what v holds: views with the same tag show the same. It
// is view.json's ETag and, on a team page, what the page was rendered
// from, so a page open in the browser can tell that its data changed.
func (v View) Tag() string {
	raw, _ := json.Marshal(v)
	sum := sha256.Sum256(raw)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// Summarise turns results scored by the quiz package into a Summary in the
// terms of bank b.
func Summarise(b *quiz.Bank, results []quiz.Result) *Summary {
	s := b.Summarise(results)
	out := &Summary{Overall: stat(s.Overall)}
	for _, d := range s.Dimensions {
		out.Dimensions = append(out.Dimensions, DimStat{ID: d.Dimension.ID, Stat: stat(d.Stat)})
	}
	for _, d := range s.Disagreements(2) {
		out.Disagree = append(out.Disagree, d.Dimension.ID)
	}
	for _, d := range s.Weakest(2)[:min(3, len(s.Weakest(2)))] {
		out.Weakest = append(out.Weakest, d.Dimension.ID)
	}
	return out
}

func stat(s quiz.Stat) Stat {
	return Stat{Mean: s.Mean, Spread: s.Spread, Min: s.Min, Max: s.Max, Levels: s.Levels}
}

// Dim returns the summary of dimension id.
func (s *Summary) Dim(id string) (DimStat, bool) {
	for _, d := range s.Dimensions {
		if d.ID == id {
			return d, true
		}
	}
	return DimStat{}, false
}
