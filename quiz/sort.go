package quiz

// sortStable sorts s by less, keeping the order of equal elements. The
// slices sorted here hold a few dimensions or versions, so an insertion
// sort does; sort.SliceStable would link reflection's swapper and sort's
// stable algorithms into app.wasm for them.
func sortStable[T any](s []T, less func(a, b T) bool) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
