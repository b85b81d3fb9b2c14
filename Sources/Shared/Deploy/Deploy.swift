// KFDeploy: install/update/delete/rollback.
import KFModels
