// Package documented has a doc comment.
package documented
