package api

import (
	"context"
	"net/http"
)

// HealthOutput is the answer of /healthz and /readyz.
type HealthOutput struct {
	Body struct {
		Status string            `json:"status" example:"ok" doc:"ok"`
		Checks map[string]string `json:"checks,omitempty" doc:"Each readiness check and its state"`
	}
}

func (s *server) healthz(ctx context.Context, _ *struct{}) (*HealthOutput, error) {
	out := &HealthOutput{}
	out.Body.Status = "ok"
	return out, nil
}

// readyz runs the database ping and every extra check, each bounded by checkTimeout. A failing check's error is
// logged, not shown: the endpoint is public.
func (s *server) readyz(ctx context.Context, _ *struct{}) (*HealthOutput, error) {
	checks := append([]Check{{Name: "database", Check: s.store.Ping}}, s.checks...)
	out := &HealthOutput{}
	out.Body.Status = "ok"
	out.Body.Checks = map[string]string{}
	var failing []*FieldError
	for _, c := range checks {
		cctx, cancel := context.WithTimeout(ctx, checkTimeout)
		err := c.Check(cctx)
		cancel()
		if err != nil {
			Logger(ctx).Warn("readiness check failing", "check", c.Name, "err", err)
			failing = append(failing, &FieldError{Location: "check." + c.Name, Message: infoFrom(ctx).lang.text(msgCheckFailing)})
			continue
		}
		out.Body.Checks[c.Name] = "ok"
	}
	if len(failing) > 0 {
		p := newProblem(ctx, http.StatusServiceUnavailable, msgNotReady)
		p.Errors = failing
		return nil, p
	}
	return out, nil
}
