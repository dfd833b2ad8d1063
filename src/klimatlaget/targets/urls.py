from klimatlaget.targets.comparison import urls as comparison_urls
from klimatlaget.targets.register import urls as register_urls

urlpatterns = [*register_urls.urlpatterns, *comparison_urls.urlpatterns]
