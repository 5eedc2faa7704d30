package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// ETag returns the entity tag of a row at a version: a strong tag, "v<version>". Rows that can be updated carry a
// version column incremented by each update; GET sends ETag(version) and PUT/DELETE check If-Match with
// checkIfMatch, then update "WHERE version = ?" so that a concurrent writer between the check and the write is
// caught too.
func ETag(version int64) string {
	return `"v` + strconv.FormatInt(version, 10) + `"`
}

// checkIfMatch checks an If-Match header value against a row's version (RFC 9110 §13.1.1, strong comparison).
// An absent header passes unless required, when it is 428; a header that matches no current tag is 412. "*" matches
// any existing row.
//
//	type updateInput struct {
//		IfMatch string `header:"If-Match" doc:"ETag from a previous GET"`
//		...
//	}
//	if err := checkIfMatch(ctx, in.IfMatch, row.Version, true); err != nil {
//		return nil, err
//	}
func checkIfMatch(ctx context.Context, ifMatch string, version int64, required bool) error {
	ifMatch = strings.TrimSpace(ifMatch)
	if ifMatch == "" {
		if required {
			return newProblem(ctx, http.StatusPreconditionRequired, msgPreconditionRequired)
		}
		return nil
	}
	if ifMatch == "*" {
		return nil
	}
	current := ETag(version)
	for tag := range strings.SplitSeq(ifMatch, ",") {
		tag = strings.TrimSpace(tag)
		if tag == current { // a weak tag (W/"…") never matches: If-Match uses strong comparison
			return nil
		}
	}
	return newProblem(ctx, http.StatusPreconditionFailed, msgPreconditionFailed)
}
