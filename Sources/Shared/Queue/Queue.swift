// KFQueue: RabbitMQ access. Filled by the job-pipeline work.
import KFModels
