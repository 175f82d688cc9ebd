package team

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Identifiers carry 128 random bits, tokens 256: neither can be guessed.
const (
	idBytes    = 16
	tokenBytes = 32
)

func random(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

func newID() string { return random(idBytes) }

// NewToken returns a fresh member or admin token: 256 random bits,
// URL-safe.
func NewToken() string { return random(tokenBytes) }

// ValidID reports whether s has the shape of a team identifier, so that
// junk never reaches the database.
func ValidID(s string) bool { return validB64(s, idBytes) }

// ValidToken reports whether s has the shape of a token: what [NewToken]
// makes, or what a browser made the same way.
func ValidToken(s string) bool { return validB64(s, tokenBytes) }

func validB64(s string, n int) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(n) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// hash is what the database keeps of a token.
func hash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
