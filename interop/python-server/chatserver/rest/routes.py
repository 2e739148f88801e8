"""The REST API (contract section 10) and ``GET /health`` (section 1.6)."""
from .. import validation as v
from .middleware import API_PREFIX, USER, json_response
from .requests import int_parameter, json_object

DEFAULT_PAGE = 50  # the contract leaves the default limit to the server
MAX_PAGE = 100  # section 10.7: a larger limit is refused with 400


class RestApi:
    def __init__(self, service):
        self._service = service

    def add_routes(self, router):
        c = API_PREFIX + "/conversations"
        router.add_get("/health", self.health)
        router.add_post(c, self.create_conversation)
        router.add_get(c, self.list_conversations)
        router.add_get(c + "/{id}", self.get_conversation)
        router.add_patch(c + "/{id}", self.rename_conversation)
        router.add_post(c + "/{id}/participants", self.add_participant)
        router.add_delete(c + "/{id}/participants/{userId}", self.remove_participant)
        router.add_get(c + "/{id}/messages", self.list_messages)
        router.add_post(c + "/{id}/messages", self.post_message)
        router.add_patch(c + "/{id}/messages/{mid}", self.edit_message)
        router.add_delete(c + "/{id}/messages/{mid}", self.delete_message)
        router.add_post(c + "/{id}/messages/{mid}/read", self.mark_read)

    async def health(self, request):
        return json_response(200, {"status": "ok"})

    async def create_conversation(self, request):
        payload = await json_object(request)
        title = v.title(payload, required=False)
        participant_ids = v.id_list(payload, "participantIds")
        return json_response(201, await self._service.create_conversation(request[USER], title, participant_ids))

    async def list_conversations(self, request):
        return json_response(200, {"items": self._service.conversations(request[USER])})

    async def get_conversation(self, request):
        return json_response(200, self._service.conversation(request[USER], _path_id(request, "id")))

    async def rename_conversation(self, request):
        conversation_id = _path_id(request, "id")
        title = v.title(await json_object(request), required=True)
        return json_response(200, await self._service.rename(request[USER], conversation_id, title))

    async def add_participant(self, request):
        conversation_id = _path_id(request, "id")
        user_id = v.required_id(await json_object(request), "userId")
        return json_response(200, await self._service.add_participant(request[USER], conversation_id, user_id))

    async def remove_participant(self, request):
        conversation_id = _path_id(request, "id")
        user_id = _path_id(request, "userId")
        await self._service.remove_participant(request[USER], conversation_id, user_id)
        return json_response(204)

    async def list_messages(self, request):
        conversation_id = _path_id(request, "id")
        after_seq = int_parameter(request, "afterSeq", 0, 0)
        limit = int_parameter(request, "limit", DEFAULT_PAGE, 1, MAX_PAGE)
        items = self._service.messages(request[USER], conversation_id, after_seq, limit)
        return json_response(200, {"items": items})

    async def post_message(self, request):
        conversation_id = _path_id(request, "id")
        payload = await json_object(request)
        body = v.body(payload)
        client_message_id = v.optional_id(payload, "clientMessageId")
        message, created = await self._service.send_message(request[USER], conversation_id, body, client_message_id)
        return json_response(201 if created else 200, message)

    async def edit_message(self, request):
        conversation_id, message_id = _path_id(request, "id"), _path_id(request, "mid")
        body = v.body(await json_object(request))
        return json_response(200, await self._service.edit_message(request[USER], conversation_id, message_id, body))

    async def delete_message(self, request):
        conversation_id, message_id = _path_id(request, "id"), _path_id(request, "mid")
        await self._service.delete_message(request[USER], conversation_id, message_id)
        return json_response(204)

    async def mark_read(self, request):
        conversation_id, message_id = _path_id(request, "id"), _path_id(request, "mid")
        return json_response(200, await self._service.mark_read(request[USER], conversation_id, message_id))


def _path_id(request, name):
    return v.id_value(request.match_info[name], name)
