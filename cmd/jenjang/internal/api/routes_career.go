package api

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// addCareerRoutes registers the career resources of DESIGN §6 under /v1/regions/{region}. The roles here are the
// first gate; handlers add the record-level rules (canSee, mayWriteAppraisal, ratingSource): a supervisor reaches
// only their direct subordinates, an employee only their own records.
func addCareerRoutes(api huma.API, s *server) {
	const r = "/v1/regions/{region}"
	all := anyRole()
	admin := roles(auth.Admin)
	readers := roles(auth.Admin, auth.Auditor)
	errs := []int{http.StatusNotFound, http.StatusUnprocessableEntity}

	emp := []string{"Employees"}
	register(api, huma.Operation{OperationID: "list-employees", Method: http.MethodGet, Path: r + "/employees", Tags: emp,
		Summary: "List employees", Description: "By NIP, paged with `cursor`. Supervisors see their subordinates, employees themselves.", Errors: errs}, all, s.listEmployees)
	register(api, huma.Operation{OperationID: "create-employee", Method: http.MethodPost, Path: r + "/employees", Tags: emp,
		Summary: "Create an employee", DefaultStatus: http.StatusCreated, Errors: append(errs, http.StatusConflict)}, admin, s.createEmployee)
	register(api, huma.Operation{OperationID: "get-employee", Method: http.MethodGet, Path: r + "/employees/{nip}", Tags: emp,
		Summary: "Get an employee", Description: "Sends an ETag for PUT and DELETE.", Errors: errs}, all, s.getEmployee)
	register(api, huma.Operation{OperationID: "update-employee", Method: http.MethodPut, Path: r + "/employees/{nip}", Tags: emp,
		Summary: "Replace an employee's record", Description: "Requires If-Match. A changed grade or position goes to the history.",
		Errors: append(errs, http.StatusPreconditionFailed, http.StatusPreconditionRequired)}, admin, s.updateEmployee)
	register(api, huma.Operation{OperationID: "delete-employee", Method: http.MethodDelete, Path: r + "/employees/{nip}", Tags: emp,
		Summary: "Delete an employee", Description: "Requires If-Match. The record is kept (soft delete) with its history, appraisals and decisions.",
		DefaultStatus: http.StatusNoContent, Errors: append(errs, http.StatusPreconditionFailed, http.StatusPreconditionRequired)}, admin, s.deleteEmployee)
	register(api, huma.Operation{OperationID: "employee-history", Method: http.MethodGet, Path: r + "/employees/{nip}/history", Tags: emp,
		Summary: "An employee's grade and position history", Errors: errs}, all, s.employeeHistory)

	appr := []string{"Appraisals"}
	register(api, huma.Operation{OperationID: "create-appraisal", Method: http.MethodPost, Path: r + "/appraisals", Tags: appr,
		Summary: "Open an appraisal", Description: "Admins, or the employee's direct superior.", DefaultStatus: http.StatusCreated,
		Errors: append(errs, http.StatusConflict)}, roles(auth.Admin, auth.Supervisor), s.createAppraisal)
	register(api, huma.Operation{OperationID: "get-appraisal", Method: http.MethodGet, Path: r + "/appraisals/{id}", Tags: appr,
		Summary: "Get an appraisal with its ratings", Errors: errs}, all, s.getAppraisal)
	register(api, huma.Operation{OperationID: "rate-appraisal", Method: http.MethodPost, Path: r + "/appraisals/{id}/ratings", Tags: appr,
		Summary: "Add ratings", Description: "The superior rates as superior, the employee as self, a requested peer as peer; admins on anyone's behalf. A finalised appraisal is 409.",
		Errors: append(errs, http.StatusConflict, http.StatusPreconditionFailed)}, roles(auth.Admin, auth.Supervisor, auth.Employee), s.rateAppraisal)
	register(api, huma.Operation{OperationID: "finalize-appraisal", Method: http.MethodPost, Path: r + "/appraisals/{id}/finalize", Tags: appr,
		Summary: "Finalise an appraisal", Description: "Evaluates it with the region's policy, stores the decision and the year's predicate. Happens once: again is 409.",
		Errors: append(errs, http.StatusConflict, http.StatusPreconditionFailed)}, roles(auth.Admin, auth.Supervisor), s.finalizeAppraisal)
	register(api, huma.Operation{OperationID: "list-employee-appraisals", Method: http.MethodGet, Path: r + "/employees/{nip}/appraisals", Tags: appr,
		Summary: "An employee's appraisals", Errors: errs}, all, s.listEmployeeAppraisals)

	tr := []string{"Training"}
	register(api, huma.Operation{OperationID: "list-programs", Method: http.MethodGet, Path: r + "/training/programs", Tags: tr,
		Summary: "The region's training catalogue", Errors: errs}, all, s.listPrograms)
	register(api, huma.Operation{OperationID: "create-program", Method: http.MethodPost, Path: r + "/training/programs", Tags: tr,
		Summary: "Add a program to the catalogue", DefaultStatus: http.StatusCreated, Errors: append(errs, http.StatusConflict)}, admin, s.createProgram)
	register(api, huma.Operation{OperationID: "enrol", Method: http.MethodPost, Path: r + "/training/enrolments", Tags: tr,
		Summary: "Enrol an employee", DefaultStatus: http.StatusCreated, Errors: append(errs, http.StatusConflict)}, admin, s.enrol)
	register(api, huma.Operation{OperationID: "complete-enrolment", Method: http.MethodPost, Path: r + "/training/enrolments/{id}/complete", Tags: tr,
		Summary: "Complete an enrolment", Description: "Writes the program's JP to the employee's ledger.", Errors: append(errs, http.StatusConflict)}, admin, s.completeEnrolment)
	register(api, huma.Operation{OperationID: "employee-training", Method: http.MethodGet, Path: r + "/employees/{nip}/training", Tags: tr,
		Summary: "An employee's JP ledger and compliance", Errors: errs}, all, s.employeeTraining)
	register(api, huma.Operation{OperationID: "training-compliance", Method: http.MethodGet, Path: r + "/training/compliance", Tags: tr,
		Summary: "Yearly development compliance", Description: "Of the whole region (a supervisor: their subordinates).", Errors: errs}, roles(auth.Admin, auth.Auditor, auth.Supervisor), s.trainingCompliance)
	register(api, huma.Operation{OperationID: "training-recommendations", Method: http.MethodGet, Path: r + "/employees/{nip}/training/recommendations", Tags: tr,
		Summary: "Recommended programs for an employee", Errors: errs}, all, s.recommendations)
	register(api, huma.Operation{OperationID: "allocate-training", Method: http.MethodPost, Path: r + "/training/allocations", Tags: tr,
		Summary: "Allocate training seats within a budget", Description: "By the region policy's order; the decision is stored.", Errors: append(errs, http.StatusConflict)}, admin, s.allocateTraining)

	mt := []string{"Mentoring"}
	register(api, huma.Operation{OperationID: "match-mentors", Method: http.MethodPost, Path: r + "/mentoring/matches", Tags: mt,
		Summary: "Match mentors to mentees", Description: "With the region policy; the decision is stored; `create_pairs` also creates the pairs.",
		Errors: append(errs, http.StatusConflict)}, admin, s.matchMentors)
	register(api, huma.Operation{OperationID: "list-pairs", Method: http.MethodGet, Path: r + "/mentoring/pairs", Tags: mt,
		Summary: "List mentoring pairs", Errors: errs}, all, s.listPairs)
	register(api, huma.Operation{OperationID: "create-pair", Method: http.MethodPost, Path: r + "/mentoring/pairs", Tags: mt,
		Summary: "Create a mentoring pair", DefaultStatus: http.StatusCreated, Errors: append(errs, http.StatusConflict)}, admin, s.createPair)
	register(api, huma.Operation{OperationID: "add-session", Method: http.MethodPost, Path: r + "/mentoring/pairs/{id}/sessions", Tags: mt,
		Summary: "Record a mentoring session", Description: "Admins or the pair's mentor. Adds a mentoring activity to the mentee's JP ledger.",
		DefaultStatus: http.StatusCreated, Errors: errs}, roles(auth.Admin, auth.Supervisor, auth.Employee), s.addSession)

	pr := []string{"Promotion"}
	register(api, huma.Operation{OperationID: "promotion-eligibility", Method: http.MethodGet, Path: r + "/promotions/eligibility", Tags: pr,
		Summary: "Rank-promotion eligibility of the whole region", Description: "Streams one decision per employee (a supervisor: their subordinates), storing each. " +
			"A complete answer ends with `summary`. The status is sent once the first batch is judged, so a run that fails " +
			"at once is a 503/504 problem. If the policy fails half-way (a plugin crashes), the body ends with an `error` " +
			"member (a problem) instead of `summary` and the connection is aborted before the end of the chunked body: " +
			"treat a transfer error or a missing `summary` as a failed run and retry.",
		Errors: errs, Responses: eligibilityResponses(api)}, roles(auth.Admin, auth.Auditor, auth.Supervisor), s.promotionEligibility)
	// 409: a region policy's decision that breaks the national floors is refused (career.PolicyConflict).
	register(api, huma.Operation{OperationID: "employee-promotion", Method: http.MethodGet, Path: r + "/employees/{nip}/promotion", Tags: pr,
		Summary: "One employee's rank-promotion eligibility", Errors: append(errs, http.StatusConflict)}, all, s.employeePromotion)
	register(api, huma.Operation{OperationID: "list-positions", Method: http.MethodGet, Path: r + "/positions", Tags: pr,
		Summary: "Positions open for selection", Errors: errs}, all, s.listOpenings)
	register(api, huma.Operation{OperationID: "open-position", Method: http.MethodPost, Path: r + "/positions", Tags: pr,
		Summary: "Open a position for selection", DefaultStatus: http.StatusCreated, Errors: errs}, admin, s.createOpening)
	register(api, huma.Operation{OperationID: "rank-selection", Method: http.MethodPost, Path: r + "/positions/{id}/selection", Tags: pr,
		Summary: "Rank the applicants of a position", Description: "Merit ranking with the region policy; one stored decision per applicant.", Errors: append(errs, http.StatusConflict)}, admin, s.rankSelection)

	tf := []string{"Transfers"}
	register(api, huma.Operation{OperationID: "request-transfer", Method: http.MethodPost, Path: r + "/transfers", Tags: tf,
		Summary: "Request and check a transfer (mutasi)", DefaultStatus: http.StatusCreated, Errors: errs}, admin, s.requestTransfer)
	register(api, huma.Operation{OperationID: "get-transfer", Method: http.MethodGet, Path: r + "/transfers/{id}", Tags: tf,
		Summary: "Get a transfer", Errors: errs}, all, s.getTransfer)
	register(api, huma.Operation{OperationID: "approve-transfer", Method: http.MethodPost, Path: r + "/transfers/{id}/approve", Tags: tf,
		Summary: "Approve a transfer", Description: "Checks again; 409 unless eligible. Moves the employee, with history.",
		Errors: append(errs, http.StatusConflict, http.StatusPreconditionFailed)}, admin, s.approveTransfer)

	register(api, huma.Operation{OperationID: "talent-grid", Method: http.MethodGet, Path: r + "/talent/grid", Tags: []string{"Talent"},
		Summary: "The 9-box talent grid of a year", Description: "Kinerja from the year's predicate (Sangat Baik: above; Baik: meets; lower: below), potential from the potential score.",
		Errors: errs}, readers, s.talentGrid)
}
