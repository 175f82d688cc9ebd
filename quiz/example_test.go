package quiz_test

import (
	"errors"
	"fmt"

	"cxquiz/quiz"
)

func Example() {
	bank, err := quiz.Load()
	if err != nil {
		panic(err)
	}
	// Answer every question with the option anchored to the top level.
	answers := bank.NewAnswers()
	for i, q := range bank.Questions() {
		for j, o := range q.Options {
			if o.Level == bank.Levels[len(bank.Levels)-1].ID {
				answers[i] = j
			}
		}
	}
	code := bank.Encode(answers)
	decoded, _ := bank.Decode(code)
	res, _ := bank.Score(decoded)
	fmt.Println(res.Level.Name, res.Overall)

	_, err = bank.Score(bank.NewAnswers().With(1, 0))
	fmt.Println(errors.Is(err, quiz.ErrIncomplete))
	// Output:
	// Customer-centric 100
	// true
}
