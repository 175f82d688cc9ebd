// Package quiz holds the assessment model of the customer-centricity quiz:
// the question bank, scoring, maturity levels, recommendations and the
// compact result code that carries a full or partial answer set in a URL.
//
// The package is plain Go with no UI import, so the HTTP server, the
// WebAssembly client and the tests all call the same code.
//
// Every published version of the question bank stays in the package:
// new quizzes use the latest, and a result code is always decoded and
// scored with the version it was made with, read from its first character.
// A typical use:
//
//	banks, err := quiz.LoadAll()
//	if err != nil {
//		log.Fatal(err)
//	}
//	bank, answers, err := banks.Decode(code) // from ?a=CODE
//	if err != nil {
//		// errors.Is(err, quiz.ErrMalformed) or errors.Is(err, quiz.ErrOutdated)
//	}
//	if bank != banks.Latest() {
//		// an older version: score it as it was, say that a newer one exists
//	}
//	res, err := bank.Score(answers)
//	if errors.Is(err, quiz.ErrIncomplete) {
//		// not every question is answered yet: show progress instead
//	}
//	fmt.Println(res.Level.Name, res.Overall)
//
// # Scoring
//
// Every option is anchored to one maturity level. An option anchored to the
// lowest level is worth 0 points, one anchored to the highest level 100, the
// levels in between are spread evenly. A dimension scores the mean of its
// answers, rounded to a whole number; the overall score is the mean of the
// unrounded dimension scores, so every dimension weighs the same whatever its
// number of questions. The level is the one whose [Level.Min, Level.Max]
// range holds the score. A dimension whose answers include both the lowest
// and the highest level is flagged as uneven; ties between dimensions are
// kept (see [Result.Strengths] and [Result.StartingPoints]).
//
// # Next steps
//
// Each next step names the question whose practice it proposes and the
// level of that question's answer that has the practice in place
// ([Step]). A dimension shows the steps of its level less those its
// answers show done; failing any, the nearest level above, then below,
// that has one left ([DimensionScore.NextSteps]). A dimension with no step
// left, every answer at the top, is not a starting point.
//
// # Partial answer sets
//
// A result exists only for a complete answer set: [Bank.Score] returns
// [ErrIncomplete] otherwise, and [Answers.Answered] tells the progress.
// Partial sets still encode and decode, so a half-finished quiz survives in
// a URL.
package quiz
