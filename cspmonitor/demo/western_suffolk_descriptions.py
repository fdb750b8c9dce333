"""What the Western Suffolk 2022/23 report tells members about each priority, as descriptions.

Facts from the partnership's 2022/23 monitoring report (sections 2 and 8); every sentence is our
own. Each entry is (topic, priority title or "", group name or "", name, text, link). Loaded by
``load_descriptions``, found again by its natural key so loading twice adds nothing.
"""

from __future__ import annotations

from cspmonitor.demo.western_suffolk_plan import (
    ASB,
    CRIMINAL_EXPLOITATION,
    FRAUD,
    HATE_CRIME,
    MODERN_SLAVERY,
    PREVENT,
    SERIOUS_VIOLENCE_DUTY,
    VAWG,
)
from cspmonitor.reports.models import Description

T = Description.Topic

DESCRIPTIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        T.CONTEXT,
        CRIMINAL_EXPLOITATION,
        "",
        "",
        "County lines drug supply sits beneath much serious and organised crime and draws in the "
        "exploitation of children and adults, trafficking and modern slavery. Several lines operate "
        "in Suffolk at any time. West Suffolk has no identified urban street gangs, but gang-like "
        "behaviour is showing among young people involved in, or drifting towards, county lines.",
        "",
    ),
    (
        T.GROUP,
        CRIMINAL_EXPLOITATION,
        "Criminal Exploitation Steering Group",
        "",
        "Oversees the countywide programme against criminal exploitation that Suffolk Public Sector "
        "Leaders fund; the partnership works on two of its projects, the outreach hubs and the "
        "multi-agency panels.",
        "",
    ),
    (
        T.GROUP,
        CRIMINAL_EXPLOITATION,
        "Multi-Agency Criminal Exploitation Panel",
        "",
        "Meets monthly to look at the people and places causing concern and to agree how to disrupt "
        "those exploiting young people in West Suffolk.",
        "",
    ),
    (
        T.CAMPAIGN,
        CRIMINAL_EXPLOITATION,
        "",
        "#LookCloser week at railway stations",
        "Partners joined Greater Anglia, British Transport Police, The Railway Children and Missing "
        "People at stations to talk to travellers, taxi drivers and staff about child exploitation, "
        "missing children and modern slavery.",
        "",
    ),
    (
        T.CONTEXT,
        VAWG,
        "",
        "",
        "Suffolk's strategy for 2022 to 2025 was written with victims, practitioners and partners. "
        "Residents of West Suffolk can use specialist services commissioned for the whole county as "
        "well as local ones.",
        "",
    ),
    (
        T.GROUP,
        VAWG,
        "West Suffolk Domestic Abuse Partnership",
        "",
        "Meets each quarter so that statutory and voluntary practitioners can share practice and back "
        "local projects: campaigns, the Freedom Programme, support in education and local awareness.",
        "",
    ),
    (
        T.SERVICE,
        VAWG,
        "",
        "Specialist refuge satellite accommodation",
        "Homes across Suffolk, including in the partnership's area, for people whose complex needs "
        "mean a shared refuge does not suit them.",
        "",
    ),
    (
        T.CAMPAIGN,
        VAWG,
        "",
        "White Ribbon 2022",
        "Sixteen days of action against violence towards women and girls, launched as the men's "
        "football World Cup began, asking people to play as one team.",
        "",
    ),
    (
        T.CONTEXT,
        MODERN_SLAVERY,
        "",
        "",
        "Council staff learn how to spot modern slavery and how to refer a possible victim through "
        "the National Referral Mechanism in their safeguarding training and an e-learning module.",
        "",
    ),
    (
        T.GROUP,
        MODERN_SLAVERY,
        "Suffolk Modern Slavery Network",
        "",
        "Brings partners from across Suffolk together to share practice and data and to plan "
        "countywide training and awareness campaigns; in October 2022 Suffolk County Council launched "
        "a training package open to every partner.",
        "",
    ),
    (
        T.CAMPAIGN,
        MODERN_SLAVERY,
        "",
        "Suffolk Modern Slavery Awareness Week",
        "The June 2022 week concentrated on labour and sexual exploitation and asked communities to "
        "raise concerns under #SuffolkLooksCloser.",
        "",
    ),
    (
        T.DEFINITION,
        HATE_CRIME,
        "",
        "hate crime",
        "any crime that the victim, or anyone else, believes was motivated by hostility or prejudice "
        "towards the victim's race, religion or belief, physical or sensory disability, learning "
        "disability or mental health, age, gender, sexual orientation or gender identity, whether "
        "actual or perceived",
        "",
    ),
    (
        T.CONTEXT,
        HATE_CRIME,
        "",
        "",
        "The HOPE Awards, open to young people aged 11 to 18, recognise what they give to their "
        "communities in four categories: diversity, respect and kindness, teamwork, and determination.",
        "",
    ),
    (
        T.CONTEXT,
        PREVENT,
        "",
        "",
        "The council has a legal duty to stop people being drawn into terrorism and to weigh local "
        "threat levels; its staff must understand Prevent, recognise vulnerability and know how to "
        "refer someone to Channel.",
        "",
    ),
    (
        T.GROUP,
        PREVENT,
        "Suffolk Prevent Delivery Group",
        "",
        "Brings councils, prisons, probation, education, health and the police together to deliver "
        "the duty; West Suffolk Council takes an active part.",
        "",
    ),
    (
        T.CONTEXT,
        ASB,
        "",
        "",
        "Anti-social behaviour remains a priority for the partnership and the council. Victims of "
        "persistent anti-social behaviour can ask for an ASB Case Review, which brings agencies "
        "together on a joint solution.",
        "",
    ),
    (
        T.GROUP,
        ASB,
        "Suffolk Anti-Social Behaviour Steering Group",
        "",
        "Meets each quarter to follow new law, share practice and co-ordinate campaign materials; in "
        "2022 it adopted the Home Office principles for tackling anti-social behaviour.",
        "",
    ),
    (
        T.SERVICE,
        ASB,
        "",
        "ASB Case Review applications",
        "West Suffolk Council's community safety team takes applications for an ASB Case Review and "
        "can help people to apply",
        "https://www.westsuffolk.gov.uk",
    ),
    (
        T.CONTEXT,
        FRAUD,
        "",
        "",
        "Suffolk Trading Standards leads this priority. It concentrates on making communities and "
        "businesses harder to defraud, supporting victims and helping investigations.",
        "",
    ),
    (
        T.CONTEXT,
        SERIOUS_VIOLENCE_DUTY,
        "",
        "",
        "The duty covers health, justice, councils, police and fire and rescue services. A county "
        "steering group leads the work and reports progress to the partnership each quarter.",
        "",
    ),
    (
        T.NEXT_STEPS,
        CRIMINAL_EXPLOITATION,
        "",
        "",
        "Awareness sessions stay open to staff, partners and communities throughout 2023-24.",
        "",
    ),
    (
        T.NEXT_STEPS,
        FRAUD,
        "",
        "",
        "The Anti-Fraud Partnership will agree its action plan with partners in 2023-24.",
        "",
    ),
    (
        T.DOCUMENT,
        "",
        "",
        "Suffolk Police and Crime Plan 2022-2025",
        "Published by the Suffolk Police and Crime Commissioner; it reflects the priorities of the "
        "partnership's plan.",
        "https://www.suffolk-pcc.gov.uk",
    ),
    (
        T.DOCUMENT,
        "",
        "",
        "Serious Violence Duty: statutory guidance",
        "The Home Office guidance on the duty.",
        "https://www.gov.uk",
    ),
    (
        T.DOCUMENT,
        "",
        "",
        "Western Suffolk Community Safety Partnership action plan",
        "The partnership's current action plan.",
        "https://www.westsuffolk.gov.uk",
    ),
    (
        T.DOCUMENT,
        "",
        "",
        "Suffolk violence against women and girls strategy 2022-25",
        "The county strategy behind the violence against women and girls priority.",
        "https://www.suffolk-pcc.gov.uk",
    ),
    (
        T.DOCUMENT,
        "",
        "",
        "Anti-social behaviour principles",
        "The Home Office principles the Suffolk steering group adopted, with further information.",
        "https://www.westsuffolk.gov.uk/anti-social-behaviour-principles",
    ),
]


def load_descriptions(partnership) -> None:
    from cspmonitor.partnership.models import Group
    from cspmonitor.plans.models import Priority

    priorities = {p.title: p for p in Priority.objects.for_partnership(partnership)}
    groups = {g.name: g for g in Group.objects.filter(partnership=partnership)}
    for order, (topic, priority, group, name, text, url) in enumerate(DESCRIPTIONS):
        keys = {
            "partnership": partnership,
            "topic": topic,
            "priority": priorities[priority] if priority else None,
            "group": groups[group] if group else None,
            "name": name,
        }
        found = Description.objects.filter(**keys).first()
        values = {"text": text, "url": url, "order": order}
        if found is None:
            Description.objects.create(**keys, **values)
        elif any(getattr(found, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(found, k, v)
            found.save()
