"""Built-in argument schemes and their critical questions, after the schemes Walton,
Reed and Macagno catalogued (the names OVA and AIF maps use), in argmap's own words.

A scheme names the pattern an argument follows; its critical questions are what a
reader should check before accepting it.  Choosing a scheme copies its questions into
the argument as a checklist (`structure_ops.set_scheme`), so a map keeps them even if
this list changes.
"""

from __future__ import annotations

SCHEMES: dict[str, tuple[str, ...]] = {
    "Expert opinion": (
        "Is the source really an expert in the field the claim belongs to?",
        "Did the expert actually assert the claim, as quoted?",
        "Is the expert personally reliable (no conflict of interest, no bias)?",
        "Do other experts agree, or is the claim disputed among them?",
        "Is the claim consistent with the available evidence?",
    ),
    "Position to know": (
        "Is the source in a position to know whether the claim is true?",
        "Is the source honest and trustworthy?",
        "Did the source assert the claim, or is it being read into what they said?",
    ),
    "Positive consequences": (
        "How likely are the good consequences to follow?",
        "What evidence supports that they will follow?",
        "Are there bad consequences that outweigh them?",
    ),
    "Negative consequences": (
        "How likely are the bad consequences to follow?",
        "What evidence supports that they will follow?",
        "Are there good consequences that outweigh them?",
    ),
    "Practical reasoning": (
        "Are there other ways to reach the goal?",
        "Is this the best of the ways to reach it?",
        "Is the goal achievable at all?",
        "Would acting have side effects that weigh against it?",
        "Does the goal conflict with other goals that matter?",
    ),
    "Cause to effect": (
        "How strong is the causal link between the cause and the effect?",
        "Is there evidence that the link holds in this case?",
        "Could something else intervene to stop the effect?",
    ),
    "Correlation to cause": (
        "Is there really a correlation between the two?",
        "Is it more than coincidence?",
        "Could a third factor cause both?",
    ),
    "Sign": (
        "How strong is the link between the sign and what it signals?",
        "Could something else explain the sign?",
    ),
    "Example": (
        "Is the example true?",
        "Does it support the general claim?",
        "Is it typical of the cases the claim covers?",
        "Are there counter-examples?",
    ),
    "Analogy": (
        "Are the two cases similar in the respects that matter?",
        "Are they different in some respect that would change the conclusion?",
        "Is there a more similar case that points the other way?",
    ),
    "Popular opinion": (
        "Is the view really widely held?",
        "Is there reason to think the majority could be wrong here?",
    ),
    "Commitment": (
        "Is the person really committed to the claim, given what they said or did?",
        "Does the commitment cover this case, or only a narrower one?",
    ),
    "Ad hominem": (
        "Is the charge against the person supported by evidence?",
        "Does the person's character matter to the question at hand?",
        "Is the conclusion that the argument is false, rather than only less credible?",
    ),
    "Slippery slope": (
        "Is each step of the chain likely to lead to the next?",
        "Is there a point where the chain could be stopped?",
        "Is the final outcome as bad as claimed?",
    ),
    "Verbal classification": (
        "Does the case really have the properties the classification requires?",
        "Is the definition behind the classification accepted?",
    ),
}


def questions_of(scheme: str) -> tuple[str, ...]:
    """The critical questions of a built-in scheme (matched ignoring case), or ()."""
    wanted = scheme.casefold()
    for name, questions in SCHEMES.items():
        if name.casefold() == wanted:
            return questions
    return ()
