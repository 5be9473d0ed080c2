#nullable disable
using System.Collections;

namespace Edge.Core.Setup
{
    /// <summary>Every problem found while reading a node's setup, in the order found: a reader goes on after a
    /// problem, so that one run shows all that must be fixed.</summary>
    public sealed class SetupProblems
    {
        private readonly ArrayList _problems = new ArrayList();

        /// <summary>Problems found so far.</summary>
        public int Count
        {
            get { return _problems.Count; }
        }

        /// <summary>The <paramref name="index"/>th problem, first found first.</summary>
        public SetupProblem At(int index)
        {
            return (SetupProblem)_problems[index];
        }

        /// <summary>Records a problem of <paramref name="file"/> at <paramref name="path"/>.</summary>
        public void Add(string file, string path, string problem, string allowed)
        {
            _problems.Add(new SetupProblem(file, path, problem, allowed));
        }

        /// <summary>True when a problem was recorded at exactly <paramref name="path"/> of <paramref name="file"/>.</summary>
        public bool Has(string file, string path)
        {
            for (int i = 0; i < _problems.Count; i++)
            {
                SetupProblem problem = At(i);
                if (problem.File == file && problem.Path == path)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
