//go:build !wasm

package team

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// sqlStore is the Store over database/sql; SQLite and PostgreSQL share it
// and differ only in how parameters are written.
type sqlStore struct {
	db     *sql.DB
	cfg    Config
	dollar bool // PostgreSQL: $1, $2… instead of ?
}

// q rewrites the ? placeholders of query for the engine.
func (s *sqlStore) q(query string) string {
	if !s.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func (s *sqlStore) now() int64 { return ms(s.cfg.Now()) }

// bornAfter is the creation time (in ms) before which a team is older than
// the current retention, and so expired, whatever expiry it was created
// with.
func (s *sqlStore) bornAfter(now int64) int64 { return now - s.cfg.Retention.Milliseconds() }

func (s *sqlStore) Create(ctx context.Context, name string) (Team, string, error) {
	name, err := CleanName(name)
	if err != nil {
		return Team{}, "", err
	}
	now := s.cfg.Now().UTC().Truncate(time.Millisecond)
	t := Team{ID: newID(), Name: name, Created: now, Expires: now.Add(s.cfg.Retention)}
	token := NewToken()
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO teams (id, name, admin_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`),
		t.ID, t.Name, hash(token), ms(t.Created), ms(t.Expires))
	if err != nil {
		return Team{}, "", fmt.Errorf("team: create: %w", err)
	}
	return t, token, nil
}

func (s *sqlStore) Team(ctx context.Context, id string) (Team, error) {
	t, _, err := s.team(ctx, id)
	return t, err
}

// team returns the team and its admin hash.
func (s *sqlStore) team(ctx context.Context, id string) (Team, string, error) {
	if !ValidID(id) {
		return Team{}, "", ErrNotFound
	}
	var (
		t                = Team{ID: id}
		adminHash        string
		created, expires int64
		closed           sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT name, admin_hash, created_at, expires_at, closed_at FROM teams WHERE id = ?`), id).
		Scan(&t.Name, &adminHash, &created, &expires, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return Team{}, "", s.gone(ctx, id)
	}
	if err != nil {
		return Team{}, "", fmt.Errorf("team: read team: %w", err)
	}
	// A team expires at the end of the retention it was created with, or
	// of the current one if that is shorter: an operator who lowers the
	// retention shortens the life of the teams there are.
	expires = min(expires, created+s.cfg.Retention.Milliseconds())
	if expires <= s.now() {
		return Team{}, "", ErrExpired
	}
	t.Created, t.Expires = fromMS(created), fromMS(expires)
	if closed.Valid {
		t.Closed = fromMS(closed.Int64)
	}
	return t, adminHash, nil
}

// gone tells a team that never existed from one deleted or expired.
func (s *sqlStore) gone(ctx context.Context, id string) error {
	var reason string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT reason FROM gone WHERE id_hash = ?`), hash(id)).Scan(&reason)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return fmt.Errorf("team: read team: %w", err)
	case reason == "expired":
		return ErrExpired
	default:
		return ErrDeleted
	}
}

func (s *sqlStore) Admin(ctx context.Context, id, adminToken string) (Team, error) {
	t, adminHash, err := s.team(ctx, id)
	if err != nil {
		return Team{}, err
	}
	if subtle.ConstantTimeCompare([]byte(hash(adminToken)), []byte(adminHash)) != 1 {
		return Team{}, ErrForbidden
	}
	return t, nil
}

func (s *sqlStore) Add(ctx context.Context, id, memberToken, code string) error {
	if !ValidToken(memberToken) {
		return ErrBadToken
	}
	if !ValidID(id) {
		return ErrNotFound
	}
	now := s.now()
	// One statement: the team's state is checked where the row is written,
	// so a result cannot slip into a team closed a moment before.
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO results (team_id, member_hash, code, added_at)
		SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT)
		WHERE EXISTS (SELECT 1 FROM teams WHERE id = ? AND closed_at IS NULL AND expires_at > ? AND created_at > ?)
		ON CONFLICT (team_id, member_hash) DO UPDATE SET code = excluded.code, added_at = excluded.added_at`),
		id, hash(memberToken), code, now, id, now, s.bornAfter(now))
	if err != nil {
		return fmt.Errorf("team: add result: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		return nil
	}
	t, err := s.Team(ctx, id)
	if err != nil {
		return err
	}
	if !t.Open() {
		return ErrClosed
	}
	return errors.New("team: add result: not stored")
}

func (s *sqlStore) Withdraw(ctx context.Context, id, memberToken string) error {
	if !ValidToken(memberToken) {
		return ErrBadToken
	}
	if _, err := s.Team(ctx, id); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM results WHERE team_id = ? AND member_hash = ?`), id, hash(memberToken))
	if err != nil {
		return fmt.Errorf("team: withdraw: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("team: withdraw: %w", err)
	} else if n == 0 {
		return ErrNoResult
	}
	return nil
}

func (s *sqlStore) Results(ctx context.Context, id string) ([]Result, error) {
	if _, err := s.Team(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT code, added_at FROM results WHERE team_id = ? ORDER BY added_at, member_hash`), id)
	if err != nil {
		return nil, fmt.Errorf("team: read results: %w", err)
	}
	defer rows.Close()
	var rs []Result
	for rows.Next() {
		var r Result
		var added int64
		if err := rows.Scan(&r.Code, &added); err != nil {
			return nil, fmt.Errorf("team: read results: %w", err)
		}
		r.Added = fromMS(added)
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("team: read results: %w", err)
	}
	return rs, nil
}

func (s *sqlStore) Count(ctx context.Context, id string) (int, error) {
	if _, err := s.Team(ctx, id); err != nil {
		return 0, err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM results WHERE team_id = ?`), id).Scan(&n); err != nil {
		return 0, fmt.Errorf("team: count results: %w", err)
	}
	return n, nil
}

func (s *sqlStore) Close(ctx context.Context, id, adminToken string) error {
	if _, err := s.Admin(ctx, id, adminToken); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE teams SET closed_at = ? WHERE id = ? AND closed_at IS NULL`), s.now(), id)
	if err != nil {
		return fmt.Errorf("team: close: %w", err)
	}
	return nil
}

func (s *sqlStore) Delete(ctx context.Context, id, adminToken string) error {
	if _, err := s.Admin(ctx, id, adminToken); err != nil {
		return err
	}
	return s.remove(ctx, []string{id}, "deleted")
}

// remove deletes teams with their results and leaves a hash of each id
// behind, in one transaction.
func (s *sqlStore) remove(ctx context.Context, ids []string, reason string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("team: %s: %w", reason, err)
	}
	defer tx.Rollback()
	now := s.now()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM results WHERE team_id = ?`), id); err != nil {
			return fmt.Errorf("team: %s: %w", reason, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM teams WHERE id = ?`), id); err != nil {
			return fmt.Errorf("team: %s: %w", reason, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO gone (id_hash, reason, gone_at) VALUES (?, ?, ?) ON CONFLICT (id_hash) DO NOTHING`),
			hash(id), reason, now); err != nil {
			return fmt.Errorf("team: %s: %w", reason, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("team: %s: %w", reason, err)
	}
	return nil
}

func (s *sqlStore) DeleteExpired(ctx context.Context) (int, error) {
	now := s.now()
	total := 0
	for {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT id FROM teams WHERE expires_at <= ? OR created_at <= ? ORDER BY created_at LIMIT 500`), now, s.bornAfter(now))
		if err != nil {
			return total, fmt.Errorf("team: find expired: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return total, fmt.Errorf("team: find expired: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("team: find expired: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		if err := s.remove(ctx, ids, "expired"); err != nil {
			return total, err
		}
		total += len(ids)
	}
	// The traces of removed teams last one more retention period.
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM gone WHERE gone_at <= ?`), now-s.cfg.Retention.Milliseconds()); err != nil {
		return total, fmt.Errorf("team: purge traces: %w", err)
	}
	return total, nil
}

func (s *sqlStore) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func (s *sqlStore) Shutdown() error { return s.db.Close() }
