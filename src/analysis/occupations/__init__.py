"""Stage 2, occupations: resolve a query to a SOC code and describe one occupation."""
