"""The one package that imports SpiffWorkflow: the adapter, the restricted evaluator of diagrams'
scripts and expressions with its deploy-time checks, the service-task registry, instructions."""
