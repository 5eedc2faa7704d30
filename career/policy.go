package career

import "context"

// Policy is the part of a region policy that belongs to career itself: transfers (mutasi). It is one face of the
// region policy composed in package plugins.
type Policy interface {
	// CheckTransfer judges a transfer request.
	CheckTransfer(ctx context.Context, r TransferRequest) (Decision, error)
}

// National is the national baseline career policy.
type National struct {
	Transfer TransferRules
}

// NewNational returns the national baseline with its default rules.
func NewNational() *National { return &National{Transfer: NationalTransferRules()} }

// CheckTransfer implements Policy with CheckTransfer and the policy's transfer rules.
func (n *National) CheckTransfer(ctx context.Context, r TransferRequest) (Decision, error) {
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	return CheckTransfer(r, n.Transfer)
}
