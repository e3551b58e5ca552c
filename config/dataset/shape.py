"""How much content the seed files hold: the unit ``--scale`` multiplies."""

from core.seeding import read_folder
from goals import seed as goals_seed
from methods import seed as methods_seed
from resources import seed as resources_seed
from services import seed as services_seed


def seed_shape():
    """How much content the seed files hold, per table, and each plan's shape."""
    methods = read_folder(methods_seed.FOLDER)
    services = read_folder(services_seed.FOLDER)
    resources = read_folder(resources_seed.FOLDER)
    goals = read_folder(goals_seed.FOLDER)
    plan_shapes = [
        {
            "kind": plan.get("kind", "strategy"),
            "key_figures": len(plan.get("key_figures") or []),
            "focus_areas": len(plan.get("focus_areas") or []),
            "initiatives": len(plan.get("initiatives") or []),
            "goals": [
                {
                    "level": goal.get("level", "centre"),
                    "baseline": bool(goal.get("baseline")),
                    "targets": len(goal.get("targets") or []),
                }
                for goal in plan.get("goals") or []
            ],
        }
        for plan in goals.get("plans", [])
    ]
    return {
        "methods": len(methods.get("methods", [])),
        "talks": len(methods.get("talks", [])),
        "presenters": len(methods.get("presenters", [])),
        "offers": len(services.get("offers", [])),
        "resources": len(resources.get("resources", [])),
        "plans": plan_shapes,
    }
