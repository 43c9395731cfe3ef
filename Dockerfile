# Production image: gunicorn serves the portal; the same image runs the Celery worker and beat.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_VAR_DIR=/app/var

# pg_dump and pg_restore for `manage.py backup` and `restore`.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv && useradd --create-home --uid 1000 platform
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN python manage.py compile_translations \
    && python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var && chown -R platform /app/var
USER platform
EXPOSE 8000
CMD ["gunicorn", "platform_site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
