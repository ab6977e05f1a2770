from ninja import NinjaAPI

api = NinjaAPI(title="Một Văn Phòng API", version="1", urls_namespace="api")
