package team

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"

	"cxquiz/quiz"
)

// MinResults is how many results a team needs before its view shows
// anything about them: quiz.GroupMin, below which one member's answers
// could be read off.
const MinResults = quiz.GroupMin

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

// Summary is quiz.GroupSummary by ids, ready to travel: means rounded to
// quiz.GroupStep points and counts per level, never a lowest or highest
// score or a spread in points.
type Summary struct {
	Overall    Stat      `json:"overall"`
	Dimensions []DimStat `json:"dimensions"`
	// Disagree and Weakest are dimension ids: where the team disagrees
	// most, and its weakest dimensions, in order.
	Disagree []string `json:"disagree"`
	Weakest  []string `json:"weakest"`
}

// Stat is a quiz.GroupStat without pointers. Below quiz.GroupMin scores
// (a dimension fewer results measured) it holds only N.
type Stat struct {
	N      int   `json:"n"`
	Mean   int   `json:"mean"`
	Levels []int `json:"levels,omitempty"`
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
// terms of bank b, or nil while there are too few to show.
func Summarise(b *quiz.Bank, results []quiz.Result) *Summary {
	s := b.SummariseGroup(results)
	if !s.Shown() {
		return nil
	}
	out := &Summary{Overall: stat(s.Overall)}
	for _, d := range s.Dimensions {
		out.Dimensions = append(out.Dimensions, DimStat{ID: d.Dimension.ID, Stat: stat(d.GroupStat)})
	}
	for _, d := range s.Disagree {
		out.Disagree = append(out.Disagree, d.Dimension.ID)
	}
	for _, d := range s.Weakest {
		out.Weakest = append(out.Weakest, d.Dimension.ID)
	}
	return out
}

func stat(s quiz.GroupStat) Stat {
	return Stat{N: s.N, Mean: s.Mean, Levels: s.Levels}
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
