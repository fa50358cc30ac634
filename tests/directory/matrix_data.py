"""Objects the authorization matrix needs for the operators' directory pages."""

from sportello.accounts.models import Role
from sportello.directory.models import EditProposal, Service


def directory_sample_kwargs(users, service: Service) -> dict:
    proposal = EditProposal.objects.create(
        service=service, proposed_by=users[Role.MUNICIPAL_OFFICER], data={}, base_version=1
    )
    by_service = {"service_id": service.id}
    return {
        "directory:service_detail": by_service,
        "directory:service_edit": by_service,
        "directory:service_propose": by_service,
        "directory:service_status": by_service,
        "directory:service_confirm": by_service,
        "directory:service_history": by_service,
        "directory:proposal_detail": {"proposal_id": proposal.id},
    }
