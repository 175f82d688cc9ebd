package screens

import "cxquiz/app/route"

// StandIn is the contract between the question screen and a server that
// keeps rendered pages. A question page depends on its answers only
// through the result code, written out as it is (links, hidden input),
// and through the answer to the question shown. So for a question route
// with answers, the page of r is the page rendered for the same URL with
// a=standIn instead, with every occurrence of standIn replaced by code;
// one rendering serves every respondent who gave the same answer to that
// question. ok is false for every other route: render those as they are.
//
// The screens keep this true (page_server_test.go checks it); a server
// must not substitute anything else.
func StandIn(r route.Route) (standIn, code string, ok bool) {
	if r.Screen != route.Question || r.Status() != 200 || r.Answers.Answered() == 0 {
		return "", "", false
	}
	b := r.Bank()
	// Every question answered with the first option but the one shown: a
	// full code, as long as any, that cannot be mistaken for other text.
	stand := b.NewAnswers()
	for i := range stand {
		stand[i] = 0
	}
	stand[r.Number-1] = r.Answers.Get(r.Number)
	return b.Encode(stand), r.Code(), true
}
