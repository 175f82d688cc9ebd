package quiz

// Unanswered marks a question without an answer in [Answers].
const Unanswered = -1

// Answers holds one entry per question, in quiz order: the 0-based index of
// the chosen option as shown, or [Unanswered].
type Answers []int

// NewAnswers returns an answer set for the bank with nothing answered.
func (b *Bank) NewAnswers() Answers {
	a := make(Answers, len(b.questions))
	for i := range a {
		a[i] = Unanswered
	}
	return a
}

// Answered returns how many questions have an answer.
func (a Answers) Answered() int {
	n := 0
	for _, v := range a {
		if v != Unanswered {
			n++
		}
	}
	return n
}

// Complete reports whether every question has an answer.
func (a Answers) Complete() bool { return len(a) > 0 && a.Answered() == len(a) }

// FirstUnanswered returns the 1-based number of the first question without
// an answer, or 0 if every question is answered.
func (a Answers) FirstUnanswered() int {
	for i, v := range a {
		if v == Unanswered {
			return i + 1
		}
	}
	return 0
}

// With returns a copy of a in which question number (1-based) has the
// given option. a itself is not changed.
func (a Answers) With(number, option int) Answers {
	c := append(Answers(nil), a...)
	if number >= 1 && number <= len(c) {
		c[number-1] = option
	}
	return c
}

// Get returns the option chosen for question number (1-based), or
// [Unanswered].
func (a Answers) Get(number int) int {
	if number < 1 || number > len(a) {
		return Unanswered
	}
	return a[number-1]
}
