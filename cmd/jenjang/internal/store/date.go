package store

import (
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/jenjang-asn/jenjang/career"
)

// Date is a calendar date column: DATE on PostgreSQL, TEXT "YYYY-MM-DD" on SQLite (which orders as dates). The zero
// Date is NULL. Convert with career.Date(d) and store.Date(cd).
type Date career.Date

// Career returns the date as a career.Date.
func (d Date) Career() career.Date { return career.Date(d) }

// String returns "YYYY-MM-DD", or "" for the zero date.
func (d Date) String() string { return career.Date(d).String() }

// Value implements driver.Valuer.
func (d Date) Value() (driver.Value, error) {
	if career.Date(d).IsZero() {
		return nil, nil
	}
	return career.Date(d).String(), nil
}

// Scan implements sql.Scanner: it accepts NULL, a time (PostgreSQL DATE) or the text form (SQLite).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Date(career.DateOf(v.UTC()))
		return nil
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	}
	return fmt.Errorf("store: cannot scan %T into a date", src)
}

func (d *Date) parse(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > 10 { // a timestamp's text form: keep its date
		s = s[:10]
	}
	v, err := career.ParseDate(s)
	if err != nil {
		return fmt.Errorf("store: scan date %q: %w", s, err)
	}
	*d = Date(v)
	return nil
}
